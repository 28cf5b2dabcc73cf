import { useEffect, useState, type FormEvent } from 'react';
import { useAccount } from '../account.js';
import { call, callWithStatus, client, type Ok } from '../api.js';
import { ApiError } from '../errors.js';
import { useAction } from '../hooks.js';
import { CARRIERS, LINK_REASONS, PROVIDERS, type Provider } from '../labels.js';
import { Link } from '../router.js';
import { ErrorMessage, Notice, Page } from '../ui.js';

type LinkView = Ok<'/api/health/nhis/links', 'post', 201>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a link. Right after onboarding the health service may not know the profile yet
 * (409 PROFILE_INCOMPLETE until the profile event arrives): asked again for a few seconds.
 */
async function startLink(body: { name: string; birthDate: string; phone: string; provider: Provider; carrier?: keyof typeof CARRIERS }): Promise<LinkView> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await call(client().POST('/api/health/nhis/links', { body }));
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'PROFILE_INCOMPLETE' || Date.now() > deadline) throw error;
      await sleep(500);
    }
  }
}

function secondsLeft(expiresAt: string): number {
  return Math.max(0, Math.round((Date.parse(expiresAt) - Date.now()) / 1000));
}

function Countdown({ expiresAt }: { expiresAt: string }) {
  const [left, setLeft] = useState(() => secondsLeft(expiresAt));
  useEffect(() => {
    const timer = setInterval(() => setLeft(secondsLeft(expiresAt)), 1000);
    return () => clearInterval(timer);
  }, [expiresAt]);
  return (
    <span className="countdown">{left > 0 ? `남은 시간 ${Math.floor(left / 60)}분 ${String(left % 60).padStart(2, '0')}초` : '승인 시간이 지났어요'}</span>
  );
}

export function LinkPage() {
  const { account } = useAccount();
  const [name, setName] = useState(account.name ?? '');
  const [birthDate, setBirthDate] = useState(account.birthDate ?? '');
  const [phone, setPhone] = useState('');
  const [provider, setProvider] = useState<Provider>('KAKAO');
  const [carrier, setCarrier] = useState<keyof typeof CARRIERS>('SKT');
  const [link, setLink] = useState<LinkView>();
  const [notYet, setNotYet] = useState(false);
  const action = useAction();

  const start = (event: FormEvent) => {
    event.preventDefault();
    setNotYet(false);
    void action.run(async () => {
      setLink(await startLink({ name: name.trim(), birthDate, phone: phone.trim(), provider, ...(provider === 'PASS' ? { carrier } : {}) }));
    });
  };

  const complete = () => {
    if (!link) return;
    setNotYet(false);
    void action.run(async () => {
      const { status, data } = await callWithStatus(client().POST('/api/health/nhis/links/{id}/complete', { params: { path: { id: link.id } } }));
      setLink(data);
      // 202: the phone has not approved yet; the person presses again after approving.
      setNotYet(status === 202);
    });
  };

  if (link && link.state === 'IMPORTED' && link.imported) {
    return (
      <Page title="검진 결과를 가져왔어요">
        <Notice tone="success">
          {link.imported.newCheckups > 0 ? `새 검진 결과 ${link.imported.newCheckups}건을 가져왔어요.` : '새로 가져올 검진 결과가 없어요.'}
          {link.imported.alreadyImported > 0 && ` 이미 있던 ${link.imported.alreadyImported}건은 그대로 두었어요.`}
        </Notice>
        <p className="links">
          <Link className="button primary" to="/checkup">
            검진 결과 보기
          </Link>{' '}
          <Link to="/trends">추이 보기</Link>
        </p>
      </Page>
    );
  }

  if (link && link.state === 'PENDING_APPROVAL') {
    return (
      <Page title="인증 앱에서 승인해 주세요">
        <ol className="steps">
          <li>
            휴대폰의 <strong>{PROVIDERS[link.provider as Provider] ?? link.provider}</strong> 앱에 온 건강보험공단 인증 요청을 열어 승인해 주세요.
          </li>
          <li>승인한 뒤 아래 ‘인증 완료’를 눌러 주세요.</li>
        </ol>
        <p>
          <Countdown expiresAt={link.expiresAt} />
        </p>
        {notYet && <Notice tone="warning">아직 승인되지 않았어요. 인증 앱에서 승인한 뒤 다시 눌러 주세요.</Notice>}
        <ErrorMessage error={action.error} />
        <button type="button" className="primary" onClick={complete} disabled={action.busy}>
          {action.busy ? '검진 결과를 가져오는 중…' : '인증 완료'}
        </button>{' '}
        <button type="button" onClick={() => setLink(undefined)} disabled={action.busy}>
          처음부터 다시
        </button>
      </Page>
    );
  }

  return (
    <Page title="건강검진 연동">
      {link && link.state !== 'PENDING_APPROVAL' && (
        <Notice tone="warning">연동하지 못했어요. {LINK_REASONS[link.reason ?? ''] ?? '다시 시도해 주세요.'}</Notice>
      )}
      <p className="lead">국민건강보험공단의 일반건강검진 결과를 간편인증으로 가져와요. 본인 명의의 정보만 입력할 수 있어요.</p>
      <form className="form" onSubmit={start} noValidate>
        <label htmlFor="link-name">이름</label>
        <input id="link-name" name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
        <label htmlFor="link-birth">생년월일</label>
        <input id="link-birth" name="birthDate" type="date" value={birthDate} onChange={(e) => setBirthDate(e.target.value)} />
        <label htmlFor="link-phone">휴대폰 번호</label>
        <input
          id="link-phone"
          name="phone"
          type="tel"
          autoComplete="tel-national"
          inputMode="tel"
          placeholder="010-1234-5678"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
        />
        <label htmlFor="link-provider">간편인증 앱</label>
        <select id="link-provider" name="provider" value={provider} onChange={(e) => setProvider(e.target.value as Provider)}>
          {Object.entries(PROVIDERS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        {provider === 'PASS' && (
          <>
            <label htmlFor="link-carrier">통신사</label>
            <select id="link-carrier" name="carrier" value={carrier} onChange={(e) => setCarrier(e.target.value as keyof typeof CARRIERS)}>
              {Object.entries(CARRIERS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </>
        )}
        <ErrorMessage error={action.error} />
        <button type="submit" className="primary" disabled={action.busy}>
          {action.busy ? '인증 요청을 보내는 중…' : '인증 요청 보내기'}
        </button>
      </form>
    </Page>
  );
}

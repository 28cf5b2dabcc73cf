import { useEffect, useState, type FormEvent } from 'react';
import { call, client } from '../api.js';
import { useAction, useLoad } from '../hooks.js';
import { session } from '../session.js';
import { ErrorMessage, Loading, Notice, Page } from '../ui.js';
import { ProfileForm } from './ProfileForm.js';

function Preferences() {
  const loaded = useLoad(() => call(client().GET('/api/notifications/preferences')), []);
  const [optedOut, setOptedOut] = useState(false);
  const [quiet, setQuiet] = useState(true);
  const [start, setStart] = useState('22:00');
  const [end, setEnd] = useState('08:00');
  const [saved, setSaved] = useState(false);
  const action = useAction();
  useEffect(() => {
    if (!loaded.data) return;
    setOptedOut(loaded.data.optedOut);
    setQuiet(loaded.data.quietHours !== null);
    if (loaded.data.quietHours) {
      setStart(loaded.data.quietHours.start);
      setEnd(loaded.data.quietHours.end);
    }
  }, [loaded.data]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void action.run(async () => {
      const result = await call(client().PUT('/api/notifications/preferences', { body: { optedOut, quietHours: quiet ? { start, end } : null } }));
      loaded.set(result);
      setSaved(true);
    });
  };

  return (
    <section aria-labelledby="prefs-heading">
      <h2 id="prefs-heading">응원 메시지 알림</h2>
      {loaded.loading && !loaded.data && <Loading />}
      <ErrorMessage error={loaded.error} />
      {loaded.data && (
        <form className="form" onSubmit={submit}>
          <label className="inline">
            <input type="checkbox" name="optedOut" checked={optedOut} onChange={(e) => setOptedOut(e.target.checked)} /> 응원 메시지 받지 않기
          </label>
          <fieldset disabled={optedOut}>
            <legend>방해 금지 시간 (한국 시간)</legend>
            <label className="inline">
              <input type="checkbox" name="quiet" checked={quiet} onChange={(e) => setQuiet(e.target.checked)} /> 이 시간에는 알림을 미뤄 주세요
            </label>
            <div className="row">
              <label htmlFor="quiet-start">시작</label>
              <input id="quiet-start" name="start" type="time" value={start} disabled={!quiet} onChange={(e) => setStart(e.target.value)} />
              <label htmlFor="quiet-end">끝</label>
              <input id="quiet-end" name="end" type="time" value={end} disabled={!quiet} onChange={(e) => setEnd(e.target.value)} />
            </div>
          </fieldset>
          <ErrorMessage error={action.error} />
          {saved && (
            <Notice tone="success">
              {optedOut ? '응원 메시지를 보내지 않을게요.' : quiet ? `${start}–${end}에는 알림을 미룰게요.` : '언제든 알림을 보내 드릴게요.'}
            </Notice>
          )}
          <button type="submit" className="primary" disabled={action.busy}>
            알림 설정 저장
          </button>
        </form>
      )}
    </section>
  );
}

const CONSENT_NAMES: Record<string, string> = {
  HEALTH_DATA: '건강정보(민감정보) 수집·이용',
  AI_OVERSEAS_TRANSFER: 'AI 기능을 위한 건강정보 국외 이전(미국 Anthropic)',
};

/** The two PIPA consents, each granted or withdrawn on its own, and who read the health data. */
function Privacy() {
  const consents = useLoad(() => call(client().GET('/api/users/me/consents')), []);
  const log = useLoad(() => call(client().GET('/api/health/access-log', { params: { query: { limit: 20 } } })), []);
  const action = useAction();
  const decide = (purpose: 'HEALTH_DATA' | 'AI_OVERSEAS_TRANSFER', grant: boolean, version: string) =>
    void action.run(async () => {
      const body = grant
        ? { purpose, action: 'GRANT' as const, version, channel: 'WEB' as const }
        : { purpose, action: 'WITHDRAW' as const, channel: 'WEB' as const };
      const result = await call(client().POST('/api/users/me/consents', { body }));
      consents.set({ consents: result.consents });
    });
  return (
    <section aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">개인정보 동의</h2>
      {consents.loading && !consents.data && <Loading />}
      <ErrorMessage error={consents.error ?? action.error} />
      {consents.data && (
        <ul className="consents">
          {consents.data.consents.map((c) => (
            <li key={c.purpose}>
              <strong>{CONSENT_NAMES[c.purpose]}</strong>: {c.granted ? '동의함' : '동의하지 않음'}{' '}
              <button type="button" disabled={action.busy} onClick={() => decide(c.purpose, !c.granted, c.notice.version)}>
                {c.granted ? `${CONSENT_NAMES[c.purpose]} 동의 철회` : `${CONSENT_NAMES[c.purpose]} 동의하기`}
              </button>
              {/* Before withdrawing: what it destroys (PIPA art. 21, 37). */}
              {c.granted && c.withdrawal.deletes.length > 0 && <p className="fine withdrawal-warning">{c.withdrawal.summaryKo}</p>}
            </li>
          ))}
        </ul>
      )}
      <h3>내 건강정보 열람 기록</h3>
      {log.loading && !log.data && <Loading />}
      <ErrorMessage error={log.error} />
      {log.data &&
        (log.data.items.length === 0 ? (
          <p>아직 열람 기록이 없어요.</p>
        ) : (
          <ul className="access-log">
            {log.data.items.map((entry, index) => (
              <li key={`${entry.accessedAt}-${index}`}>
                <time dateTime={entry.accessedAt}>{new Date(entry.accessedAt).toLocaleString('ko-KR', { timeZone: 'Asia/Seoul' })}</time> {entry.description}
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

function Account() {
  const signOut = useAction();
  const remove = useAction();
  const [confirming, setConfirming] = useState(false);
  return (
    <section aria-labelledby="account-heading">
      <h2 id="account-heading">계정</h2>
      <ErrorMessage error={signOut.error} />
      <button
        type="button"
        disabled={signOut.busy}
        onClick={() =>
          void signOut.run(async () => {
            await call(client().POST('/api/auth/logout'));
            session.end('로그아웃했어요.');
          })
        }
      >
        로그아웃
      </button>
      <div className="danger-zone">
        <h3>회원 탈퇴</h3>
        <p>탈퇴하면 검진 결과, 미션 기록, 상담 내용, 알림이 모두 지워지고 되돌릴 수 없어요.</p>
        <ErrorMessage error={remove.error} />
        {confirming ? (
          <div role="group" aria-label="탈퇴 확인">
            <p>
              <strong>정말 탈퇴할까요?</strong>
            </p>
            <button
              type="button"
              className="danger"
              disabled={remove.busy}
              onClick={() =>
                void remove.run(async () => {
                  await call(client().DELETE('/api/users/me'));
                  session.end('탈퇴가 끝났어요. 모든 기록을 지웠어요.');
                })
              }
            >
              탈퇴하기
            </button>{' '}
            <button type="button" onClick={() => setConfirming(false)} disabled={remove.busy}>
              취소
            </button>
          </div>
        ) : (
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            회원 탈퇴
          </button>
        )}
      </div>
    </section>
  );
}

export function SettingsPage() {
  return (
    <Page title="설정">
      <Preferences />
      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">프로필</h2>
        <ProfileForm submitLabel="프로필 저장" />
      </section>
      <Privacy />
      <Account />
    </Page>
  );
}

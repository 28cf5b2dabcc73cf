import { useState, type FormEvent } from 'react';
import { useAccount } from '../account.js';
import { call, client } from '../api.js';
import { useAction } from '../hooks.js';
import { OCCUPATIONS, type Occupation } from '../labels.js';
import { ErrorMessage, Notice } from '../ui.js';

type ConsentPurpose = 'HEALTH_DATA' | 'AI_OVERSEAS_TRANSFER';

/** The two separate consents onboarding asks for (PIPA); each is its own, optional, unticked choice. */
const CONSENT_CHOICES: { purpose: ConsentPurpose; label: string; detail: string }[] = [
  {
    purpose: 'HEALTH_DATA',
    label: '[선택] 건강정보(민감정보) 수집·이용에 동의합니다',
    detail: '건강검진 결과와 결과지를 가져와 판정하고 보관합니다. 동의하지 않으면 건강검진 연동을 쓸 수 없어요.',
  },
  {
    purpose: 'AI_OVERSEAS_TRANSFER',
    label: '[선택] AI 기능을 위한 건강정보 국외 이전(미국 Anthropic)에 동의합니다',
    detail: 'AI 해석·미션 추천·AI 상담을 쓸 때 검진 결과와 대화 내용을 미국의 Anthropic PBC로 보냅니다. 동의하지 않으면 AI 기능을 쓸 수 없어요.',
  },
];

/** Name, birth date, sex and occupation: onboarding (with the consents), and later edits in the settings. */
export function ProfileForm({ submitLabel, onSaved, askConsents = false }: { submitLabel: string; onSaved?: () => void; askConsents?: boolean }) {
  const { account, setAccount } = useAccount();
  const [name, setName] = useState(account.name ?? '');
  const [birthDate, setBirthDate] = useState(account.birthDate ?? '');
  const [sex, setSex] = useState<'M' | 'F' | ''>(account.sex ?? '');
  const [occupation, setOccupation] = useState<Occupation | ''>(account.occupation ?? '');
  const [saved, setSaved] = useState(false);
  const [consents, setConsents] = useState<Record<ConsentPurpose, boolean>>({ HEALTH_DATA: false, AI_OVERSEAS_TRANSFER: false });
  const action = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void action.run(async () => {
      const updated = await call(
        client().PUT('/api/users/me', {
          body: { name: name.trim(), birthDate, sex: sex as 'M' | 'F', occupation: occupation as Occupation },
        }),
      );
      const chosen = CONSENT_CHOICES.filter((c) => askConsents && consents[c.purpose]);
      if (chosen.length > 0) {
        // Granted against the notice versions the user service shows now, from the web.
        const { consents: notices } = await call(client().GET('/api/users/me/consents'));
        for (const { purpose } of chosen) {
          const version = notices.find((n) => n.purpose === purpose)!.notice.version;
          await call(client().POST('/api/users/me/consents', { body: { purpose, action: 'GRANT', version, channel: 'WEB' } }));
        }
      }
      setSaved(true);
      setAccount(updated);
      onSaved?.();
    });
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <label htmlFor="profile-name">이름</label>
      <input id="profile-name" name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
      <label htmlFor="profile-birth">생년월일</label>
      <input id="profile-birth" name="birthDate" type="date" autoComplete="bday" value={birthDate} onChange={(e) => setBirthDate(e.target.value)} />
      <fieldset>
        <legend>성별</legend>
        <label className="inline">
          <input type="radio" name="sex" value="F" checked={sex === 'F'} onChange={() => setSex('F')} /> 여성
        </label>
        <label className="inline">
          <input type="radio" name="sex" value="M" checked={sex === 'M'} onChange={() => setSex('M')} /> 남성
        </label>
      </fieldset>
      <label htmlFor="profile-occupation">직업</label>
      <select id="profile-occupation" name="occupation" value={occupation} onChange={(e) => setOccupation(e.target.value as Occupation)}>
        <option value="">선택해 주세요</option>
        {Object.entries(OCCUPATIONS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      {askConsents && (
        <fieldset>
          <legend>개인정보 동의</legend>
          {CONSENT_CHOICES.map((c) => (
            <div key={c.purpose}>
              <label className="inline">
                <input
                  type="checkbox"
                  name={c.purpose}
                  checked={consents[c.purpose]}
                  onChange={(e) => setConsents({ ...consents, [c.purpose]: e.target.checked })}
                />{' '}
                {c.label}
              </label>
              <p className="fine">{c.detail}</p>
            </div>
          ))}
        </fieldset>
      )}
      <ErrorMessage error={action.error} />
      {saved && !onSaved && <Notice tone="success">프로필을 저장했어요.</Notice>}
      <button type="submit" className="primary" disabled={action.busy}>
        {submitLabel}
      </button>
    </form>
  );
}

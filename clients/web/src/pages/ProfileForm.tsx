import { useState, type FormEvent } from 'react';
import { useAccount } from '../account.js';
import { call, client } from '../api.js';
import { useAction } from '../hooks.js';
import { OCCUPATIONS, type Occupation } from '../labels.js';
import { ErrorMessage, Notice } from '../ui.js';

/** Name, birth date, sex and occupation: onboarding, and later edits in the settings. */
export function ProfileForm({ submitLabel, onSaved }: { submitLabel: string; onSaved?: () => void }) {
  const { account, setAccount } = useAccount();
  const [name, setName] = useState(account.name ?? '');
  const [birthDate, setBirthDate] = useState(account.birthDate ?? '');
  const [sex, setSex] = useState<'M' | 'F' | ''>(account.sex ?? '');
  const [occupation, setOccupation] = useState<Occupation | ''>(account.occupation ?? '');
  const [saved, setSaved] = useState(false);
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
      <ErrorMessage error={action.error} />
      {saved && !onSaved && <Notice tone="success">프로필을 저장했어요.</Notice>}
      <button type="submit" className="primary" disabled={action.busy}>
        {submitLabel}
      </button>
    </form>
  );
}

import { useAccount } from '../account.js';
import { ProfileForm } from './ProfileForm.js';
import { Page } from '../ui.js';

export function OnboardingPage() {
  const { account } = useAccount();
  return (
    <Page title="프로필을 알려 주세요">
      <p className="lead">
        {account.name ? `${account.name}님, ` : ''}검진 결과를 성별과 나이에 맞는 기준으로 판정하고, 직업에 맞는 미션을 추천하려면 아래 정보가 필요해요.
      </p>
      <ProfileForm submitLabel="시작하기" askConsents />
    </Page>
  );
}

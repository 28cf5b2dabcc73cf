import { useState } from 'react';
import { startSignIn } from '../auth.js';
import type { WebConfig } from '../config.js';
import { session } from '../session.js';
import { Page } from '../ui.js';

export function SignInPage({ config }: { config: WebConfig }) {
  const [ended] = useState(() => session.takeEndedReason());
  const [busy, setBusy] = useState(false);
  return (
    <Page title="HealthSync에 오신 것을 환영해요">
      {ended && (
        <p className="notice notice-info" role="status">
          {ended}
        </p>
      )}
      <p className="lead">국민건강보험공단 건강검진 결과를 한눈에 보고, AI 해석과 매일의 건강 미션으로 관리해요.</p>
      <ul className="features">
        <li>검진 항목별 판정(정상A · 정상B · 질환의심)과 해마다의 추이</li>
        <li>AI가 세 줄로 정리한 검진 해석과 건강 점수</li>
        <li>나에게 맞춘 하루 15–30분 건강 미션과 연속 달성 기록</li>
        <li>궁금한 점을 바로 묻는 AI 건강 상담</li>
      </ul>
      <button
        type="button"
        className="primary google"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void startSignIn(config).catch(() => setBusy(false));
        }}
      >
        Google 계정으로 로그인
      </button>
      <p className="fine">로그인하면 Google 계정의 이름과 이메일 주소를 HealthSync 계정에 사용해요.</p>
    </Page>
  );
}

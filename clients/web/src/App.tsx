import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { AccountContext, type Account } from './account.js';
import { call, client } from './api.js';
import { CALLBACK_PATH } from './auth.js';
import type { WebConfig } from './config.js';
import { useLoad } from './hooks.js';
import { ChatPage } from './pages/Chat.js';
import { CallbackPage } from './pages/Callback.js';
import { CheckupPage, CheckupDetailPage } from './pages/Checkup.js';
import { HomePage } from './pages/Home.js';
import { InboxPage } from './pages/Inbox.js';
import { LinkPage } from './pages/Link.js';
import { MissionsPage } from './pages/Missions.js';
import { OnboardingPage } from './pages/Onboarding.js';
import { ReadingPage } from './pages/Reading.js';
import { SettingsPage } from './pages/Settings.js';
import { SignInPage } from './pages/SignIn.js';
import { TrendsPage } from './pages/Trends.js';
import { Link, navigate, useLocation } from './router.js';
import { session } from './session.js';
import { ErrorMessage, Loading, Page } from './ui.js';

const NAV: [string, string][] = [
  ['/', '홈'],
  ['/checkup', '검진 결과'],
  ['/trends', '추이'],
  ['/reading', 'AI 해석'],
  ['/missions', '미션'],
  ['/chat', 'AI 상담'],
  ['/inbox', '알림함'],
  ['/settings', '설정'],
];

function Shell({ children, nav }: { children: ReactNode; nav: boolean }) {
  const { path } = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        본문으로 건너뛰기
      </a>
      <header className="top">
        <div className="top-inner">
          <span className="brand">HealthSync</span>
          {nav && (
            <nav aria-label="주 메뉴">
              <ul>
                {NAV.map(([to, label]) => (
                  <li key={to}>
                    <Link to={to} aria-current={path === to || (to !== '/' && path.startsWith(to)) ? 'page' : undefined}>
                      {label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </div>
      </header>
      <main id="main">{children}</main>
    </>
  );
}

function route(path: string) {
  if (path === '/') return <HomePage />;
  if (path === '/link') return <LinkPage />;
  if (path === '/checkup') return <CheckupPage />;
  const checkup = /^\/checkups\/([0-9a-f-]{36})$/.exec(path);
  if (checkup) return <CheckupDetailPage id={checkup[1]!} />;
  if (path === '/trends') return <TrendsPage />;
  if (path === '/reading') return <ReadingPage />;
  if (path === '/missions') return <MissionsPage />;
  if (path === '/chat') return <ChatPage />;
  if (path === '/inbox') return <InboxPage />;
  if (path === '/settings') return <SettingsPage />;
  return (
    <Page title="페이지를 찾을 수 없어요">
      <p>
        주소를 확인하거나 <Link to="/">홈</Link>으로 가 주세요.
      </p>
    </Page>
  );
}

function SignedIn() {
  const { path } = useLocation();
  const loaded = useLoad(() => call(client().GET('/api/users/me')), []);
  const [account, setAccount] = useState<Account>();
  useEffect(() => {
    if (loaded.data) setAccount(loaded.data);
  }, [loaded.data]);
  const context = useMemo(() => (account ? { account, setAccount } : undefined), [account]);
  if (!context) {
    return (
      <Shell nav={false}>
        <div className="page">{loaded.error ? <ErrorMessage error={loaded.error} /> : <Loading />}</div>
      </Shell>
    );
  }
  const onboarding = context.account.onboardingRequired;
  return (
    <AccountContext.Provider value={context}>
      <Shell nav={!onboarding}>{onboarding ? <OnboardingPage /> : route(path)}</Shell>
    </AccountContext.Provider>
  );
}

export function App({ config }: { config: WebConfig }) {
  const { path } = useLocation();
  const [signedIn, setSignedIn] = useState(() => session.current() !== undefined);
  useEffect(() => session.subscribe(() => setSignedIn(session.current() !== undefined)), []);
  useEffect(() => {
    // Signed out anywhere but the sign-in page or the callback: back to the start.
    if (!signedIn && path !== '/' && path !== CALLBACK_PATH) navigate('/', { replace: true });
  }, [signedIn, path]);

  if (path === CALLBACK_PATH) {
    return (
      <Shell nav={false}>
        <CallbackPage config={config} />
      </Shell>
    );
  }
  if (!signedIn) {
    return (
      <Shell nav={false}>
        <SignInPage config={config} />
      </Shell>
    );
  }
  return <SignedIn />;
}

import { useEffect, useRef, useState } from 'react';
import { completeSignIn } from '../auth.js';
import type { WebConfig } from '../config.js';
import { toApiError, type ApiError } from '../errors.js';
import { navigate } from '../router.js';
import { ErrorMessage, Loading, Page } from '../ui.js';

export function CallbackPage({ config }: { config: WebConfig }) {
  const [error, setError] = useState<ApiError>();
  const started = useRef(false);
  useEffect(() => {
    // Once: a code can be redeemed only once (StrictMode runs effects twice in development).
    if (started.current) return;
    started.current = true;
    const search = window.location.search;
    // The code and state leave the address bar (and the history) at once.
    window.history.replaceState(null, '', window.location.pathname);
    completeSignIn(config, search).then(
      () => navigate('/', { replace: true }),
      (caught: unknown) => setError(toApiError(caught)),
    );
  }, [config]);
  return (
    <Page title={error ? '로그인하지 못했어요' : '로그인하는 중'}>
      {error ? (
        <>
          <ErrorMessage error={error} />
          <p>
            <a href="/">처음으로 돌아가기</a>
          </p>
        </>
      ) : (
        <Loading label="Google 로그인을 확인하고 있어요…" />
      )}
    </Page>
  );
}

import { useAccount } from '../account.js';
import { call, client } from '../api.js';
import { ApiError } from '../errors.js';
import { useLoad } from '../hooks.js';
import { koreanDate } from '../labels.js';
import { Link } from '../router.js';
import { ErrorMessage, GradeBadge, Loading, Page } from '../ui.js';

/** What the home screen shows: each part loads on its own, so one failing service leaves the rest. */
async function latestOrNone() {
  try {
    return await call(client().GET('/api/health/checkups/latest'));
  } catch (error) {
    if (error instanceof ApiError && (error.code === 'NO_CHECKUPS' || error.code === 'CHECKUP_NOT_FOUND')) return null;
    throw error;
  }
}

export function HomePage() {
  const { account } = useAccount();
  const latest = useLoad(latestOrNone, []);
  const today = useLoad(() => call(client().GET('/api/goals/today')), []);
  const inbox = useLoad(() => call(client().GET('/api/notifications', { params: { query: { limit: 1 } } })), []);

  return (
    <Page title={`${account.name ?? ''}님, 안녕하세요`}>
      <div className="cards">
        <section className="card" aria-labelledby="home-checkup">
          <h2 id="home-checkup">최근 건강검진</h2>
          {latest.loading && <Loading />}
          <ErrorMessage error={latest.error} />
          {latest.data === null && (
            <>
              <p>아직 연동한 검진 결과가 없어요.</p>
              <Link className="button primary" to="/link">
                건강검진 연동하기
              </Link>
            </>
          )}
          {latest.data && (
            <>
              <p className="big">{koreanDate(latest.data.examDate)}</p>
              <p>
                가장 주의할 판정: <GradeBadge grade={latest.data.summary.worstGrade} />
              </p>
              <p className="counts">
                정상A {latest.data.summary.counts.NORMAL_A ?? 0} · 정상B {latest.data.summary.counts.NORMAL_B ?? 0} · 질환의심{' '}
                {latest.data.summary.counts.SUSPECTED_DISEASE ?? 0}
              </p>
              <p className="links">
                <Link to="/checkup">결과 자세히 보기</Link> · <Link to="/reading">AI 해석</Link> · <Link to="/link">새 검진 가져오기</Link>
              </p>
            </>
          )}
        </section>
        <section className="card" aria-labelledby="home-missions">
          <h2 id="home-missions">오늘의 미션</h2>
          {today.loading && <Loading />}
          <ErrorMessage error={today.error} />
          {today.data &&
            (today.data.totalCount === 0 ? (
              <>
                <p>아직 고른 미션이 없어요.</p>
                <Link className="button primary" to="/missions">
                  미션 고르기
                </Link>
              </>
            ) : (
              <>
                <p className="big">
                  {today.data.completedCount} / {today.data.totalCount} 완료
                </p>
                <p>연속 달성 {today.data.overallStreak}일</p>
                <Link to="/missions">미션 체크하러 가기</Link>
              </>
            ))}
        </section>
        <section className="card" aria-labelledby="home-inbox">
          <h2 id="home-inbox">알림함</h2>
          {inbox.loading && <Loading />}
          <ErrorMessage error={inbox.error} />
          {inbox.data && (
            <>
              <p className="big">읽지 않은 알림 {inbox.data.unreadCount}개</p>
              <Link to="/inbox">알림 보기</Link>
            </>
          )}
        </section>
        <section className="card" aria-labelledby="home-chat">
          <h2 id="home-chat">AI 건강 상담</h2>
          <p>검진 결과나 생활 습관에 대해 궁금한 점을 물어보세요.</p>
          <Link to="/chat">상담 시작하기</Link>
        </section>
      </div>
    </Page>
  );
}

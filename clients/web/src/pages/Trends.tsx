import { call, client } from '../api.js';
import { TrendChart } from '../chart.js';
import { useLoad } from '../hooks.js';
import { Link } from '../router.js';
import { ErrorMessage, Loading, Page } from '../ui.js';

const ITEMS = [
  'bmi',
  'waist',
  'sbp',
  'dbp',
  'fasting_glucose',
  'total_cholesterol',
  'hdl',
  'ldl',
  'triglycerides',
  'hemoglobin',
  'ast',
  'alt',
  'ggt',
  'egfr',
] as const;

export function TrendsPage() {
  const trends = useLoad(() => call(client().GET('/api/health/trends', { params: { query: { items: [...ITEMS] } } })), []);
  const drawn = trends.data?.series.filter((s) => s.points.length > 0) ?? [];
  return (
    <Page title="검진 항목별 추이" wide>
      {trends.loading && <Loading />}
      <ErrorMessage error={trends.error} />
      {trends.data && (
        <>
          <p className="lead">검진 {trends.data.checkups}회의 결과를 판정 구간(정상A · 정상B · 질환의심) 위에 그렸어요.</p>
          {drawn.length === 0 && (
            <p>
              그릴 검진 결과가 없어요. <Link to="/link">건강검진을 연동해 주세요.</Link>
            </p>
          )}
          <div className="charts">
            {drawn.map((series) => (
              <TrendChart key={series.item} series={series} />
            ))}
          </div>
        </>
      )}
    </Page>
  );
}

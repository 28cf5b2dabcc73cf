import { call, client } from '../api.js';
import { useLoad } from '../hooks.js';
import { FALLBACK_REASONS, LINE_KINDS, RISK_CLASSES, koreanDate } from '../labels.js';
import { Link } from '../router.js';
import { ErrorMessage, Loading, Page } from '../ui.js';

export function ReadingPage() {
  const reading = useLoad(() => call(client().GET('/api/intelligence/diagnosis')), []);
  const data = reading.data;
  return (
    <Page title="AI 검진 해석">
      {reading.loading && <Loading label="AI가 검진 결과를 읽고 있어요…" />}
      <ErrorMessage error={reading.error} />
      {reading.error?.code === 'CHECKUP_NOT_FOUND' && (
        <p>
          <Link to="/link">건강검진 연동하기</Link>
        </p>
      )}
      {data && (
        <article className="reading" data-source={data.source}>
          <p className="fine">{koreanDate(data.examDate)} 검진 기준</p>
          {data.source === 'FALLBACK' && (
            <p className="fallback" role="note">
              <strong>규칙 기반 해석</strong> — AI 대신 검진 판정 규칙으로 작성했어요
              {data.fallbackReason ? ` (${FALLBACK_REASONS[data.fallbackReason] ?? '일시적인 문제'})` : ''}. 잠시 후 다시 열면 AI 해석을 볼 수 있어요.
            </p>
          )}
          <div className="score">
            <div className="score-number" aria-label={`건강 점수 ${data.healthScore}점 (100점 만점)`}>
              <span className="value">{data.healthScore}</span>
              <span className="unit">점</span>
            </div>
            <p>
              위험도 <span className={`badge ${RISK_CLASSES[data.riskLevel] ?? ''}`}>{data.riskLevelLabel}</span>
            </p>
          </div>
          <ol className="lines">
            {data.lines.map((line) => (
              <li key={line.kind} data-kind={line.kind}>
                <span className="line-kind">{LINE_KINDS[line.kind] ?? line.kind}</span>
                <span>{line.text}</span>
              </li>
            ))}
          </ol>
          <p className="fine">AI 해석은 참고용이에요. 진단과 치료는 의사와 상담해 주세요.</p>
          <button type="button" onClick={reading.reload} disabled={reading.loading}>
            다시 불러오기
          </button>
        </article>
      )}
    </Page>
  );
}

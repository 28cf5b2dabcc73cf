import { useState } from 'react';
import { call, client, type Ok } from '../api.js';
import { ApiError } from '../errors.js';
import { useAction, useLoad } from '../hooks.js';
import { GRADE_LABELS, gradeClass, koreanDate, type Grade } from '../labels.js';
import { Link } from '../router.js';
import { ErrorMessage, GradeBadge, Loading, Page } from '../ui.js';

type Latest = Ok<'/api/health/checkups/latest', 'get'>;
type JudgedItem = Latest['items'][number];

function valueText(item: JudgedItem): string {
  if (item.grade === 'NOT_TESTED') return '검사 안 함';
  if (item.grade === 'NOT_APPLICABLE') return '대상 아님';
  if (item.value === null) return '결과 없음';
  return item.unit ? `${item.value} ${item.unit}` : String(item.value);
}

function Ranges({ item }: { item: JudgedItem }) {
  const { appliedRange, providerRange } = item;
  return (
    <dl className="ranges">
      <div className="grade-a-text">
        <dt>정상A</dt>
        <dd>{appliedRange.normalA}</dd>
      </div>
      {appliedRange.normalB && (
        <div className="grade-b-text">
          <dt>정상B</dt>
          <dd>{appliedRange.normalB}</dd>
        </div>
      )}
      <div className="grade-d-text">
        <dt>질환의심</dt>
        <dd>{appliedRange.suspected}</dd>
      </div>
      {providerRange && (providerRange.normalA || providerRange.suspected) && (
        <div className="printed">
          <dt>결과지 참고치</dt>
          <dd>
            {[
              providerRange.normalA && `정상A ${providerRange.normalA}`,
              providerRange.normalB && `정상B ${providerRange.normalB}`,
              providerRange.suspected && `질환의심 ${providerRange.suspected}`,
            ]
              .filter(Boolean)
              .join(' · ')}
            {providerRange.unit ? ` (${providerRange.unit})` : ''}
          </dd>
        </div>
      )}
    </dl>
  );
}

/** Every item judged: value with unit, the grade in its colour, and the ranges beside it. */
export function JudgedItems({ items }: { items: JudgedItem[] }) {
  return (
    <table className="judged">
      <caption className="visually-hidden">검진 항목별 결과와 판정</caption>
      <thead>
        <tr>
          <th scope="col">항목</th>
          <th scope="col">결과</th>
          <th scope="col">판정</th>
          <th scope="col">판정 기준</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.item} className={`item ${gradeClass(item.grade)}-row`} data-item={item.item} data-grade={item.grade}>
            <th scope="row">{item.name}</th>
            <td className="value">
              {valueText(item)}
              {item.computed && <span className="fine"> (계산값)</span>}
              {item.note && <span className="note">{item.note}</span>}
            </td>
            <td>
              <GradeBadge grade={item.grade} label={GRADE_LABELS[item.grade as Grade]} />
            </td>
            <td>{item.grade === 'NOT_APPLICABLE' ? <span className="fine">해당 없음</span> : <Ranges item={item} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Summary({ counts }: { counts: Record<string, number> }) {
  const shown: Grade[] = ['NORMAL_A', 'NORMAL_B', 'SUSPECTED_DISEASE', 'NOT_CLASSIFIED', 'NOT_TESTED'];
  return (
    <ul className="summary" aria-label="판정별 항목 수">
      {shown.map((grade) => (
        <li key={grade} className={gradeClass(grade)}>
          {GRADE_LABELS[grade]} <strong>{counts[grade] ?? 0}</strong>
        </li>
      ))}
    </ul>
  );
}

function DocumentButton({ checkupId }: { checkupId: string }) {
  const action = useAction();
  const open = () =>
    void action.run(async () => {
      const blob = await call(client().GET('/api/health/checkups/{id}/document', { params: { path: { id: checkupId } }, parseAs: 'blob' }));
      const url = URL.createObjectURL(blob as Blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = `검진결과지-${checkupId.slice(0, 8)}.pdf`;
      anchor.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    });
  return (
    <>
      <button type="button" onClick={open} disabled={action.busy}>
        결과지 원본(PDF) 내려받기
      </button>
      <ErrorMessage error={action.error} />
    </>
  );
}

async function latestOrNone(): Promise<Latest | null> {
  try {
    return await call(client().GET('/api/health/checkups/latest'));
  } catch (error) {
    if (error instanceof ApiError && (error.code === 'NO_CHECKUPS' || error.code === 'CHECKUP_NOT_FOUND')) return null;
    throw error;
  }
}

function History() {
  const [page, setPage] = useState(1);
  const history = useLoad(() => call(client().GET('/api/health/checkups', { params: { query: { page, size: 10 } } })), [page]);
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">검진 이력</h2>
      {history.loading && <Loading />}
      <ErrorMessage error={history.error} />
      {history.data && (
        <>
          <ul className="history">
            {history.data.items.map((checkup) => (
              <li key={checkup.id}>
                <Link to={`/checkups/${checkup.id}`}>{koreanDate(checkup.examDate ?? `${checkup.examYear}-01-01`)}</Link>
                <span className="fine"> {checkup.organizationName ?? ''}</span> <GradeBadge grade={checkup.summary.worstGrade} />
                {checkup.overallJudgement && <span className="fine"> 종합판정 {checkup.overallJudgement.label}</span>}
              </li>
            ))}
          </ul>
          {history.data.totalPages > 1 && (
            <nav className="pager" aria-label="검진 이력 페이지">
              <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                이전
              </button>
              <span>
                {page} / {history.data.totalPages}
              </span>
              <button type="button" disabled={page >= history.data.totalPages} onClick={() => setPage(page + 1)}>
                다음
              </button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}

export function CheckupPage() {
  const latest = useLoad(latestOrNone, []);
  return (
    <Page title="최근 건강검진 결과" wide>
      {latest.loading && <Loading />}
      <ErrorMessage error={latest.error} />
      {latest.data === null && (
        <p>
          아직 검진 결과가 없어요. <Link to="/link">건강검진을 연동해 주세요.</Link>
        </p>
      )}
      {latest.data && (
        <>
          <section className="checkup-head" aria-label="검진 요약">
            <p className="big">
              {koreanDate(latest.data.examDate)} {latest.data.checkupType ?? '건강검진'}
            </p>
            <p className="fine">
              {latest.data.organizationName ?? ''} · {latest.data.person.ageAtExam !== null ? `검진 당시 ${latest.data.person.ageAtExam}세` : ''}
            </p>
            {latest.data.overallJudgement && (
              <p>
                종합판정: <strong>{latest.data.overallJudgement.label}</strong> — {latest.data.overallJudgement.description}
              </p>
            )}
            <Summary counts={latest.data.summary.counts} />
            {latest.data.hasDocument && <DocumentButton checkupId={latest.data.checkupId} />}
          </section>
          <JudgedItems items={latest.data.items} />
          <p className="fine">판정 기준: {latest.data.criteria}</p>
        </>
      )}
      <History />
    </Page>
  );
}

export function CheckupDetailPage({ id }: { id: string }) {
  const detail = useLoad(() => call(client().GET('/api/health/checkups/{id}', { params: { path: { id } } })), [id]);
  return (
    <Page title={detail.data ? `${koreanDate(detail.data.examDate)} 검진 결과` : '검진 결과'} wide>
      <p>
        <Link to="/checkup">← 최근 검진 결과로</Link>
      </p>
      {detail.loading && <Loading />}
      <ErrorMessage error={detail.error} />
      {detail.data && (
        <>
          <Summary counts={detail.data.judged.summary.counts} />
          <JudgedItems items={detail.data.judged.items as JudgedItem[]} />
        </>
      )}
    </Page>
  );
}

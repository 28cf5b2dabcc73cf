import { useEffect, useState } from 'react';
import { call, client, type Ok } from '../api.js';
import { useAction, useLoad } from '../hooks.js';
import { CATEGORIES, DIFFICULTIES, FALLBACK_REASONS, dayBefore, koreanDate } from '../labels.js';
import { ErrorMessage, Loading, Notice, Page } from '../ui.js';

type Today = Ok<'/api/goals/today', 'get'>;
type Celebration = NonNullable<Ok<'/api/goals/missions/{missionId}/completions/{date}', 'put'>['celebration']>;
type Choice = { id: string; title: string; description: string; category: string; difficulty: string; minutes: number; benefit: string; fit?: string };

const MAX_MISSIONS = 5;

function rate(value: number | null): string {
  return value === null ? '–' : `${value}%`;
}

function TodayMissions({ today, onChanged }: { today: Today; onChanged: (celebration?: Celebration) => void }) {
  const action = useAction();
  const yesterday = dayBefore(today.date);
  // A box shows its new state at once; the day's view from the API replaces it when it arrives,
  // and a refused change puts it back.
  const [pending, setPending] = useState<Record<string, boolean>>({});
  useEffect(() => setPending({}), [today]);
  const checked = (missionId: string, date: string, saved: boolean) => pending[`${missionId}/${date}`] ?? saved;
  const toggle = (missionId: string, date: string, done: boolean) => {
    const key = `${missionId}/${date}`;
    setPending((current) => ({ ...current, [key]: done }));
    void action
      .run(async () => {
        const params = { params: { path: { missionId, date } } };
        if (done) {
          const result = await call(client().PUT('/api/goals/missions/{missionId}/completions/{date}', params));
          onChanged(result.celebration ?? undefined);
        } else {
          await call(client().DELETE('/api/goals/missions/{missionId}/completions/{date}', params));
          onChanged();
        }
        return true;
      })
      .then((ok) => {
        if (!ok)
          setPending((current) => {
            const { [key]: _dropped, ...rest } = current;
            return rest;
          });
      });
  };
  return (
    <section aria-labelledby="today-heading">
      <h2 id="today-heading">오늘의 미션 · {koreanDate(today.date)}</h2>
      <p className="rate" data-testid="today-rate">
        오늘 달성률 <strong>{rate(today.completionRate)}</strong> ({today.completedCount}/{today.totalCount}) · 모두 완료한 날 연속{' '}
        <strong>{today.overallStreak}일</strong>
      </p>
      <ErrorMessage error={action.error} />
      <ul className="missions">
        {today.missions.map((mission) => (
          <li key={mission.missionId} className="mission" data-mission={mission.missionId}>
            <div className="mission-head">
              <span className="mission-title">{mission.title}</span>
              <span className="chip">{CATEGORIES[mission.category] ?? mission.category}</span>
              <span className="chip">{mission.minutes}분</span>
              {mission.source === 'RECOMMENDATION' && <span className="chip chip-ai">AI 추천</span>}
            </div>
            <p className="fine">{mission.description}</p>
            <p className="streak" data-testid="streak">
              🔥 {mission.currentStreak}일 연속 <span className="fine">(최고 {mission.bestStreak}일)</span>
            </p>
            <div className="checks">
              <label className="inline">
                <input
                  type="checkbox"
                  checked={checked(mission.missionId, today.date, mission.doneToday)}
                  disabled={action.busy}
                  onChange={(e) => toggle(mission.missionId, today.date, e.target.checked)}
                />{' '}
                오늘 완료
              </label>
              <label className="inline">
                <input
                  type="checkbox"
                  checked={checked(mission.missionId, yesterday, mission.doneYesterday)}
                  disabled={action.busy}
                  onChange={(e) => toggle(mission.missionId, yesterday, e.target.checked)}
                />{' '}
                어제 완료
              </label>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ChooseMissions({ hasActive, onChosen }: { hasActive: boolean; onChosen: () => void }) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [recommended, setRecommended] = useState<Ok<'/api/intelligence/missions/recommendations', 'post'>>();
  const catalogue = useLoad(() => call(client().GET('/api/goals/catalogue')), []);
  const recommend = useAction();
  const save = useAction();

  const choices: Choice[] = [
    ...(recommended?.missions ?? []).map((m) => ({ ...m, fit: m.occupationFit })),
    ...(catalogue.data?.missions ?? []).filter((m) => !recommended?.missions.some((r) => r.id === m.id)),
  ];
  const full = chosen.length >= MAX_MISSIONS;
  const toggle = (id: string) => setChosen((current) => (current.includes(id) ? current.filter((c) => c !== id) : full ? current : [...current, id]));
  const card = (m: Choice, ai: boolean) => {
    const checked = chosen.includes(m.id);
    return (
      <li key={m.id} className={`choice${checked ? ' chosen' : ''}`}>
        <label>
          <input type="checkbox" name="mission" value={m.id} checked={checked} disabled={!checked && full} onChange={() => toggle(m.id)} />{' '}
          <span className="mission-title">{m.title}</span>
        </label>
        <div className="mission-head">
          <span className="chip">{CATEGORIES[m.category] ?? m.category}</span>
          <span className="chip">{DIFFICULTIES[m.difficulty] ?? m.difficulty}</span>
          <span className="chip">{m.minutes}분</span>
          {ai && <span className="chip chip-ai">AI 추천</span>}
        </div>
        <p className="fine">{m.benefit}</p>
        {m.fit && <p className="fine">{m.fit}</p>}
      </li>
    );
  };

  return (
    <section aria-labelledby="choose-heading">
      <h2 id="choose-heading">{hasActive ? '미션 바꾸기' : '미션 고르기'}</h2>
      <p>
        AI가 검진 결과와 직업에 맞춰 하루 15–30분 미션 5개를 추천해요. 추천이나 기본 미션 중에서 <strong>최대 {MAX_MISSIONS}개</strong>를 골라 주세요.
      </p>
      <button
        type="button"
        className="primary"
        disabled={recommend.busy}
        onClick={() =>
          void recommend.run(async () => {
            setRecommended(await call(client().POST('/api/intelligence/missions/recommendations')));
          })
        }
      >
        {recommend.busy ? 'AI가 미션을 고르는 중…' : 'AI 추천 미션 받기'}
      </button>
      <ErrorMessage error={recommend.error} />
      {recommended && (
        <>
          <p className="lead">{recommended.reason}</p>
          {recommended.source === 'FALLBACK' && (
            <p className="fallback" role="note">
              <strong>규칙 기반 추천</strong> — {FALLBACK_REASONS[recommended.fallbackReason ?? ''] ?? 'AI 대신 규칙으로 골랐어요'}
            </p>
          )}
          <ul className="choices" aria-label="AI 추천 미션">
            {recommended.missions.map((m) => card({ ...m, fit: m.occupationFit }, true))}
          </ul>
        </>
      )}
      <details>
        <summary>기본 미션에서 고르기</summary>
        {catalogue.loading && <Loading />}
        <ErrorMessage error={catalogue.error} />
        <ul className="choices" aria-label="기본 미션">
          {choices.filter((m) => !recommended?.missions.some((r) => r.id === m.id)).map((m) => card(m, false))}
        </ul>
      </details>
      <p role="status" className="chosen-count">
        {chosen.length}개 선택{full ? ` · 최대 ${MAX_MISSIONS}개까지 고를 수 있어요` : ''}
      </p>
      <ErrorMessage error={save.error} />
      <button
        type="button"
        className="primary"
        disabled={chosen.length === 0 || save.busy}
        onClick={() =>
          void save.run(async () => {
            await call(client().PUT('/api/goals/missions', { body: { missionIds: chosen } }));
            setChosen([]);
            setRecommended(undefined);
            onChosen();
          })
        }
      >
        선택한 미션으로 시작하기
      </button>
    </section>
  );
}

function Progress({ version }: { version: number }) {
  const progress = useLoad(() => call(client().GET('/api/goals/progress')), [version]);
  const data = progress.data;
  return (
    <section aria-labelledby="progress-heading">
      <h2 id="progress-heading">달성 현황 (최근 30일)</h2>
      {progress.loading && !data && <Loading />}
      <ErrorMessage error={progress.error} />
      {data && (
        <>
          <dl className="stats">
            <div>
              <dt>달성률</dt>
              <dd data-testid="overall-rate">{rate(data.overall.completionRate)}</dd>
            </div>
            <div>
              <dt>연속 달성</dt>
              <dd>{data.overall.currentStreak}일</dd>
            </div>
            <div>
              <dt>최고 기록</dt>
              <dd>{data.overall.bestStreak}일</dd>
            </div>
          </dl>
          {data.weeks.some((week) => week.scheduled > 0) && (
            <table className="simple">
              <caption>주별 달성률</caption>
              <thead>
                <tr>
                  <th scope="col">주 시작일</th>
                  <th scope="col">달성</th>
                  <th scope="col">달성률</th>
                </tr>
              </thead>
              <tbody>
                {data.weeks
                  .filter((week) => week.scheduled > 0)
                  .map((week) => (
                    <tr key={week.weekStart}>
                      <td>{koreanDate(week.weekStart)}</td>
                      <td>
                        {week.completed}/{week.scheduled}
                      </td>
                      <td>{rate(week.completionRate)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
          {data.missions.length > 0 && (
            <table className="simple">
              <caption>미션별 달성률</caption>
              <thead>
                <tr>
                  <th scope="col">미션</th>
                  <th scope="col">달성률</th>
                  <th scope="col">연속</th>
                </tr>
              </thead>
              <tbody>
                {data.missions.map((mission) => (
                  <tr key={mission.missionId}>
                    <td>{mission.title}</td>
                    <td>{rate(mission.completionRate)}</td>
                    <td>{mission.currentStreak}일</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>축하 기록</h3>
          {data.celebrations.length === 0 ? (
            <p className="fine">3일 연속 달성하면 축하 메시지를 받아요.</p>
          ) : (
            <ul className="celebrations">
              {data.celebrations.map((c) => (
                <li key={c.id}>
                  🎉 {c.text}{' '}
                  <span className="fine">
                    ({c.milestone}일 연속 · {koreanDate(c.createdOn)})
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

export function MissionsPage() {
  const today = useLoad(() => call(client().GET('/api/goals/today')), []);
  const [version, setVersion] = useState(0);
  const [celebration, setCelebration] = useState<Celebration>();
  const changed = (next?: Celebration) => {
    if (next) setCelebration(next);
    today.reload();
    setVersion((v) => v + 1);
  };
  const hasActive = (today.data?.totalCount ?? 0) > 0;
  return (
    <Page title="건강 미션" wide>
      {celebration && (
        <Notice tone="success">
          <span className="celebration">🎉 {celebration.text}</span>
        </Notice>
      )}
      {today.loading && !today.data && <Loading />}
      <ErrorMessage error={today.error} />
      {today.data && hasActive && <TodayMissions today={today.data} onChanged={changed} />}
      {today.data &&
        (hasActive ? (
          <details className="change">
            <summary>미션 바꾸기</summary>
            <ChooseMissions hasActive onChosen={() => changed()} />
          </details>
        ) : (
          <ChooseMissions hasActive={false} onChosen={() => changed()} />
        ))}
      {hasActive && <Progress version={version} />}
    </Page>
  );
}

import { addDays, type IsoDate } from './dates.js';
import type { Mission } from './missions.js';
import {
  buildLedger,
  consecutiveMissedDays,
  dailySeries,
  dayTotals,
  lastCompletedOn,
  missionBestStreak,
  missionCurrentStreak,
  missionPeriodStats,
  monthlyTotals,
  overallBestStreak,
  overallCurrentStreak,
  rate,
  sumDays,
  weeklyTotals,
  type DayTotals,
  type Ledger,
  type MissionHistory,
  type MissionPeriodStats,
  type MonthTotals,
  type WeekTotals,
} from './progress.js';
import type { Milestone } from './milestones.js';
import type { ResetReason } from './reset.js';

/** The answers users and the batch see, composed from a user's stored goals. Pure. */
export const TIME_ZONE = 'Asia/Seoul';

export type GoalSetStatus = 'ACTIVE' | 'REPLACED' | 'RESET';

export interface GoalSetRecord {
  id: string;
  status: GoalSetStatus;
  startedOn: IsoDate;
  endedOn: IsoDate | null;
  endReason: ResetReason | null;
  missions: Mission[];
}

export interface CompletionRecord {
  missionId: string;
  date: IsoDate;
}

export interface CelebrationRecord {
  id: string;
  missionId: string;
  milestone: Milestone;
  text: string;
  source: 'AI' | 'FALLBACK';
  createdOn: IsoDate;
  createdAt: string;
}

/** Everything stored about one user's goals; sets oldest first. */
export interface UserGoals {
  sets: GoalSetRecord[];
  completions: CompletionRecord[];
}

export function activeSet(goals: UserGoals): GoalSetRecord | undefined {
  return goals.sets.find((s) => s.status === 'ACTIVE');
}

/** A set's missions are scheduled from the day it started up to, not including, the day it ended. */
export function ledgerOf(goals: UserGoals): Ledger {
  const histories: MissionHistory[] = [];
  for (const set of goals.sets) {
    for (const mission of set.missions) {
      histories.push({ missionId: mission.missionId, spans: [{ from: set.startedOn, until: set.endedOn }], completedOn: [] });
    }
  }
  const byMission = new Map<string, IsoDate[]>();
  for (const c of goals.completions) byMission.set(c.missionId, [...(byMission.get(c.missionId) ?? []), c.date]);
  for (const [missionId, completedOn] of byMission) histories.push({ missionId, spans: [], completedOn });
  return buildLedger(histories);
}

export interface TodayMission extends Mission {
  doneToday: boolean;
  doneYesterday: boolean;
  currentStreak: number;
  bestStreak: number;
}

export interface TodayView {
  date: IsoDate;
  timeZone: typeof TIME_ZONE;
  goalSetId: string | null;
  startedOn: IsoDate | null;
  missions: TodayMission[];
  completedCount: number;
  totalCount: number;
  /** Percent of today's active missions checked off; null without active missions. */
  completionRate: number | null;
  /** Perfect days in a row (see progress.ts). */
  overallStreak: number;
}

export function todayView(goals: UserGoals, today: IsoDate): TodayView {
  const set = activeSet(goals);
  const ledger = ledgerOf(goals);
  const byId = new Map(ledger.missions.map((m) => [m.missionId, m]));
  const yesterday = addDays(today, -1);
  const missions: TodayMission[] = (set?.missions ?? []).map((mission) => {
    const entry = byId.get(mission.missionId);
    return {
      ...mission,
      doneToday: entry?.done.has(today) ?? false,
      doneYesterday: entry?.done.has(yesterday) ?? false,
      currentStreak: missionCurrentStreak(entry, today),
      bestStreak: missionBestStreak(entry, today),
    };
  });
  const completedCount = missions.filter((m) => m.doneToday).length;
  return {
    date: today,
    timeZone: TIME_ZONE,
    goalSetId: set?.id ?? null,
    startedOn: set?.startedOn ?? null,
    missions,
    completedCount,
    totalCount: missions.length,
    completionRate: rate(completedCount, missions.length),
    overallStreak: overallCurrentStreak(ledger, today),
  };
}

export interface MissionReportEntry extends MissionPeriodStats {
  title: string;
  category: Mission['category'];
  difficulty: Mission['difficulty'];
  source: Mission['source'];
  /** In the current active set. */
  active: boolean;
}

export interface GoalSetSummary {
  id: string;
  status: GoalSetStatus;
  startedOn: IsoDate;
  endedOn: IsoDate | null;
  endReason: ResetReason | null;
  missions: { missionId: string; title: string; category: Mission['category'] }[];
}

export interface ProgressReport {
  period: { from: IsoDate; to: IsoDate; today: IsoDate; timeZone: typeof TIME_ZONE };
  overall: { scheduled: number; completed: number; completionRate: number | null; currentStreak: number; bestStreak: number };
  days: DayTotals[];
  weeks: WeekTotals[];
  months: MonthTotals[];
  missions: MissionReportEntry[];
  chart: {
    daily: { labels: IsoDate[]; completionRate: (number | null)[]; completed: number[]; scheduled: number[] };
    weekly: { labels: IsoDate[]; completionRate: (number | null)[] };
    byMission: { labels: string[]; missionIds: string[]; completionRate: (number | null)[] };
  };
  celebrations: CelebrationRecord[];
  goalSets: GoalSetSummary[];
}

/**
 * Progress over [from, to] (to ≤ today). Streaks are current and all-time best as of today;
 * rates count only the period. Missions appear when they were scheduled in the period or are
 * active now; their title is the one from the newest set that held them.
 */
export function progressReport(goals: UserGoals, celebrations: readonly CelebrationRecord[], from: IsoDate, to: IsoDate, today: IsoDate): ProgressReport {
  const ledger = ledgerOf(goals);
  const days = dailySeries(ledger, from, to);
  const weeks = weeklyTotals(days);
  const months = monthlyTotals(days);
  const set = activeSet(goals);
  const activeIds = new Set(set?.missions.map((m) => m.missionId) ?? []);
  const latest = new Map<string, Mission>();
  for (const s of goals.sets) for (const m of s.missions) latest.set(m.missionId, m);

  const missions: MissionReportEntry[] = [];
  for (const entry of ledger.missions) {
    const details = latest.get(entry.missionId);
    if (!details) continue;
    const stats = missionPeriodStats(entry, from, to, today);
    if (stats.scheduledDays === 0 && !activeIds.has(entry.missionId)) continue;
    missions.push({
      ...stats,
      title: details.title,
      category: details.category,
      difficulty: details.difficulty,
      source: details.source,
      active: activeIds.has(entry.missionId),
    });
  }
  missions.sort((a, b) => Number(b.active) - Number(a.active) || a.title.localeCompare(b.title, 'ko'));

  const goalSets = goals.sets
    .filter((s) => s.startedOn <= to && (s.endedOn === null || s.endedOn >= from))
    .reverse()
    .map((s) => ({
      id: s.id,
      status: s.status,
      startedOn: s.startedOn,
      endedOn: s.endedOn,
      endReason: s.endReason,
      missions: s.missions.map((m) => ({ missionId: m.missionId, title: m.title, category: m.category })),
    }));

  return {
    period: { from, to, today, timeZone: TIME_ZONE },
    overall: { ...sumDays(days), currentStreak: overallCurrentStreak(ledger, today), bestStreak: overallBestStreak(ledger, today) },
    days,
    weeks,
    months,
    missions,
    chart: {
      daily: {
        labels: days.map((d) => d.date),
        completionRate: days.map((d) => d.completionRate),
        completed: days.map((d) => d.completed),
        scheduled: days.map((d) => d.scheduled),
      },
      weekly: { labels: weeks.map((w) => w.weekStart), completionRate: weeks.map((w) => w.completionRate) },
      byMission: { labels: missions.map((m) => m.title), missionIds: missions.map((m) => m.missionId), completionRate: missions.map((m) => m.completionRate) },
    },
    celebrations: celebrations.filter((c) => c.createdOn >= from && c.createdOn <= to),
    goalSets,
  };
}

/** What the batch needs to decide whom to encourage and how (see GET /internal/goals/progress-facts). */
export interface ProgressFacts {
  userId: string;
  goalSetId: string;
  goalSetStartedOn: IsoDate;
  activeMissions: {
    missionId: string;
    title: string;
    category: Mission['category'];
    difficulty: Mission['difficulty'];
    minutes: number;
    doneToday: boolean;
    currentStreak: number;
  }[];
  activeMissionCount: number;
  completedToday: number;
  /** Percent over the seven full days before today (`window7d`); null when nothing was scheduled then. */
  completionRate7d: number | null;
  window7d: { from: IsoDate; to: IsoDate };
  consecutiveMissedDays: number;
  /** The last day anything was checked off; null when never. */
  lastActivityDate: IsoDate | null;
  /** Perfect days in a row (see progress.ts). */
  currentStreak: number;
}

/** Facts for a user with an active set; undefined when there is none. */
export function progressFacts(userId: string, goals: UserGoals, today: IsoDate): ProgressFacts | undefined {
  const set = activeSet(goals);
  if (!set) return undefined;
  const ledger = ledgerOf(goals);
  const byId = new Map(ledger.missions.map((m) => [m.missionId, m]));
  const window7d = { from: addDays(today, -7), to: addDays(today, -1) };
  const activeMissions = set.missions.map((m) => ({
    missionId: m.missionId,
    title: m.title,
    category: m.category,
    difficulty: m.difficulty,
    minutes: m.minutes,
    doneToday: byId.get(m.missionId)?.done.has(today) ?? false,
    currentStreak: missionCurrentStreak(byId.get(m.missionId), today),
  }));
  return {
    userId,
    goalSetId: set.id,
    goalSetStartedOn: set.startedOn,
    activeMissions,
    activeMissionCount: activeMissions.length,
    completedToday: activeMissions.filter((m) => m.doneToday).length,
    completionRate7d: sumDays(dailySeries(ledger, window7d.from, window7d.to)).completionRate,
    window7d,
    consecutiveMissedDays: consecutiveMissedDays(ledger, today),
    lastActivityDate: lastCompletedOn(ledger),
    currentStreak: overallCurrentStreak(ledger, today),
  };
}

/** The day totals for one date, for event payloads. */
export function totalsOn(goals: UserGoals, day: IsoDate): DayTotals {
  return dayTotals(ledgerOf(goals), day);
}

import { randomUUID } from 'node:crypto';
import {
  ConflictError,
  deleteOutboxRowsOf,
  enqueueEvent,
  eventContracts,
  holdLiveUser,
  lockLiveUser,
  NotFoundError,
  ValidationError,
  withTransaction,
  seoulToday,
  type Clock,
  type Db,
  type DbClient,
  type ErasureStep,
  type Logger,
} from '@healthsync/shared';
import type { GoalsRepository } from '../adapters/goals-repository.js';
import type { Intelligence } from '../adapters/intelligence-client.js';
import type { TodayCache } from '../adapters/today-cache.js';
import { addDays, type IsoDate } from '../domain/dates.js';
import { goalSetEvent, type MissionCheckEvent, type MissionsResetEvent } from '../domain/events.js';
import { checkOff } from '../domain/check-off.js';
import { fallbackCelebration } from '../domain/milestones.js';
import { resolveSelection, sameMissions, type Category, type Mission } from '../domain/missions.js';
import { suggestionsAfterReset, type ResetReason, type Suggestion } from '../domain/reset.js';
import { editableDayProblem, resolvePeriod } from '../domain/rules.js';
import {
  activeSet,
  progressFacts,
  progressReport,
  todayView,
  type CelebrationRecord,
  type ProgressFacts,
  type ProgressReport,
  type TodayView,
} from '../domain/views.js';
import { writeCelebration } from './celebration-writer.js';

export interface GoalsDeps {
  db: Db;
  repository: GoalsRepository;
  intelligence: Intelligence;
  cache: TodayCache;
  clock: Clock;
  logger: Logger;
  /** Longest wait for an AI-written celebration before the fallback is kept. */
  celebrationTimeoutMs: number;
  /** Wakes the outbox relay after a commit that enqueued events. */
  eventsEnqueued(): void;
}

export interface ChosenSet {
  goalSetId: string;
  startedOn: IsoDate;
  /** The set this one replaced, if any. */
  replacedGoalSetId: string | null;
  /** False when the same missions were already active: nothing changed. */
  changed: boolean;
  missions: Mission[];
}

export interface CheckOffResult {
  missionId: string;
  date: IsoDate;
  done: boolean;
  /** False when the day was already in that state (doing it twice changes nothing). */
  changed: boolean;
  currentStreak: number;
  bestStreak: number;
  today: { completedCount: number; totalCount: number; completionRate: number | null };
  celebration: CelebrationRecord | null;
}

export interface ResetResult {
  endedGoalSetId: string;
  endedOn: IsoDate;
  reason: ResetReason;
  recommendations: {
    recommendationSetId: string | null;
    /** False when the intelligence service could not answer: the missions are catalogue suggestions only. */
    intelligenceAvailable: boolean;
    missions: Suggestion[];
  };
}

export interface FactsPage {
  today: IsoDate;
  users: ProgressFacts[];
  nextCursor: string | null;
}

/** Past the AI's time limit, how long a celebration may wait for its text before the sweeper announces it with the stored one. */
export const ANNOUNCE_MARGIN_MS = 30_000;

/** How far back the batch's facts look: streaks longer than this are reported as this long. */
export const FACTS_HISTORY_DAYS = 120;

/** Choosing, checking off, progress and resets of a user's missions. */
export function createGoals(deps: GoalsDeps) {
  const { db, logger } = deps;
  const { catalogue, celebrations, completions, goals, userProgress, users } = deps.repository;
  const today = () => seoulToday(deps.clock);

  /** After a committed write: the cached view of the old version goes, the relay wakes up. */
  async function afterWrite(userId: string): Promise<void> {
    deps.eventsEnqueued();
    await deps.cache.invalidate(userId);
  }

  /**
   * Announces a celebration once: its final text (or, with `final` null, the stored one) and a
   * `celebration-earned` event in one transaction. Undefined when it was announced already or the
   * user was erased meanwhile.
   */
  async function announce(
    celebrationId: string,
    userId: string,
    final: { text: string; source: 'AI' | 'FALLBACK' } | null,
  ): Promise<CelebrationRecord | undefined> {
    const now = deps.clock.now();
    const announced = await withTransaction(db, async (client) => {
      if (!(await holdLiveUser(client, userId))) return undefined;
      const row = await celebrations.announce(client, celebrationId, final, now);
      if (!row) return undefined;
      const { userId: _owner, ...record } = row;
      await enqueueEvent(client, eventContracts.celebrationEarned, {
        type: 'CelebrationEarned',
        userId,
        occurredAt: now.toISOString(),
        celebrationId: record.id,
        kind: 'STREAK_MILESTONE',
        missionId: record.missionId,
        milestone: record.milestone,
        earnedOn: record.createdOn,
        text: record.text,
        source: record.source,
      });
      return record;
    });
    if (announced) deps.eventsEnqueued();
    return announced;
  }

  /** Starts a write of the user's goals: refused for an erased user (401), then the user's own lock. */
  async function lockUser(client: DbClient, userId: string): Promise<void> {
    await lockLiveUser(client, userId);
    await userProgress.lock(client, userId);
  }

  return {
    async catalogue(category?: Category) {
      return { missions: await catalogue.list(db, category) };
    },

    async chooseMissions(userId: string, missionIds: string[]): Promise<ChosenSet> {
      const day = today();
      const active = activeSet(await goals.load(db, userId))?.missions ?? [];
      const known = await catalogue.findByIds(db, missionIds);
      // The AI is asked only for ids that are neither kept nor in the catalogue: choosing from
      // the catalogue works while the intelligence service is down.
      const needsAi = missionIds.some((id) => !known.has(id) && !active.some((m) => m.missionId === id));
      const recommendations = needsAi ? await deps.intelligence.currentRecommendations(userId) : null;
      const resolution = resolveSelection(missionIds, { active, catalogue: known, recommendations });
      if (resolution.kind === 'unknown') {
        throw new ValidationError(
          resolution.unknownIds.map((id) => ({
            field: `body.missionIds.${missionIds.indexOf(id)}`,
            message: `unknown mission id "${id}": it is not in the catalogue, your current recommendations or your active missions`,
          })),
          `Unknown mission ids: ${resolution.unknownIds.join(', ')}`,
        );
      }
      const missions = resolution.missions;

      const outcome = await withTransaction(db, async (client) => {
        await lockUser(client, userId);
        const current = activeSet(await goals.load(client, userId));
        if (
          current &&
          sameMissions(
            current.missions.map((m) => m.missionId),
            missionIds,
          )
        ) {
          return { changed: false as const, set: current };
        }
        if (current) await goals.endSet(client, current.id, { status: 'REPLACED', endedOn: day, reason: null, note: null });
        const goalSetId = randomUUID();
        await goals.insertSet(client, { id: goalSetId, userId, startedOn: day, missions });
        await enqueueEvent(
          client,
          eventContracts.goalSet,
          goalSetEvent({
            userId,
            occurredAt: deps.clock.now().toISOString(),
            goalSetId,
            previousGoalSetId: current?.id ?? null,
            startedOn: day,
            missions,
          }),
        );
        await userProgress.bump(client, userId);
        return { changed: true as const, goalSetId, previous: current?.id ?? null };
      });

      if (!outcome.changed) {
        return { goalSetId: outcome.set.id, startedOn: outcome.set.startedOn, replacedGoalSetId: null, changed: false, missions: outcome.set.missions };
      }
      await afterWrite(userId);
      logger.info('missions chosen', { goalSetId: outcome.goalSetId, missions: missions.length });
      return { goalSetId: outcome.goalSetId, startedOn: day, replacedGoalSetId: outcome.previous, changed: true, missions };
    },

    async today(userId: string): Promise<TodayView> {
      const day = today();
      const version = await userProgress.version(db, userId);
      const cached = await deps.cache.get(userId, day, version);
      if (cached) return cached;
      const view = todayView(await goals.load(db, userId), day);
      await deps.cache.save(userId, day, version, view);
      return view;
    },

    /** Checks a mission off (done) or undoes it for today or yesterday; idempotent either way. */
    async setDone(userId: string, missionId: string, date: IsoDate, done: boolean): Promise<CheckOffResult> {
      const day = today();
      const problem = editableDayProblem(date, day);
      if (problem) throw new ValidationError([{ field: 'path.date', message: problem }], problem);

      const outcome = await withTransaction(db, async (client) => {
        await lockUser(client, userId);
        const before = await goals.load(client, userId);
        const set = activeSet(before);
        const mission = set?.missions.find((m) => m.missionId === missionId);
        if (!set || !mission) throw new NotFoundError('MISSION_NOT_ACTIVE', `"${missionId}" is not one of your active missions.`);

        const changed = done ? await completions.add(client, userId, missionId, date) : await completions.remove(client, userId, missionId, date);
        if (!changed) return { changed, goals: before, celebration: undefined, mission };

        const past = done ? await celebrations.pastOf(client, userId, missionId) : [];
        const { after, runAfter, milestone, totals } = checkOff(before, { missionId, date, done }, day, past);
        let celebration: CelebrationRecord | undefined;
        if (milestone !== null && runAfter) {
          celebration = await celebrations.insert(client, {
            id: randomUUID(),
            userId,
            missionId,
            milestone,
            streakStartedOn: runAfter.start,
            streakEndedOn: runAfter.end,
            createdOn: day,
            text: fallbackCelebration(milestone, mission.title),
            announceAfter: new Date(deps.clock.now().getTime() + deps.celebrationTimeoutMs + ANNOUNCE_MARGIN_MS),
          });
        }
        const payload: MissionCheckEvent = {
          type: done ? 'MissionCompleted' : 'MissionUndone',
          userId,
          occurredAt: deps.clock.now().toISOString(),
          goalSetId: set.id,
          missionId,
          date,
          currentStreak: runAfter?.length ?? 0,
          dateTotals: { scheduled: totals.scheduled, completed: totals.completed },
          activeMissionCount: set.missions.length,
        };
        await enqueueEvent(client, done ? eventContracts.missionCompleted : eventContracts.missionUndone, payload);
        await userProgress.bump(client, userId);
        return { changed, goals: after, celebration, mission };
      });

      if (outcome.changed) await afterWrite(userId);
      const view = todayView(outcome.goals, day);
      const entry = view.missions.find((m) => m.missionId === missionId)!;

      let celebration = outcome.celebration ?? null;
      if (celebration) {
        // The fallback is already stored with the check-off; an AI text replaces it when it comes in time.
        const written = await writeCelebration(
          deps.intelligence,
          {
            userId,
            timeoutMs: deps.celebrationTimeoutMs,
            facts: {
              milestone: celebration.milestone,
              streakDays: entry.currentStreak,
              missionTitle: outcome.mission.title,
              missionCategory: outcome.mission.category,
              activeMissionCount: view.totalCount,
              todayCompletionRate: view.completionRate,
            },
          },
          logger,
        );
        try {
          // The final text is announced (an inbox message and a push, through the batch service) once.
          const announced = await announce(celebration.id, userId, written);
          if (announced) celebration = announced;
          else celebration = (await celebrations.byId(db, celebration.id)) ?? celebration;
        } catch (error) {
          // The sweeper announces it with the stored text once `announce_after` has passed.
          logger.warn('celebration not announced yet; the sweeper will', { celebrationId: celebration.id, error: String(error) });
        }
        logger.info('streak milestone celebrated', { missionId, milestone: celebration.milestone, source: celebration.source });
      }

      return {
        missionId,
        date,
        done,
        changed: outcome.changed,
        currentStreak: entry.currentStreak,
        bestStreak: entry.bestStreak,
        today: { completedCount: view.completedCount, totalCount: view.totalCount, completionRate: view.completionRate },
        celebration,
      };
    },

    async progress(userId: string, query: { from?: IsoDate | undefined; to?: IsoDate | undefined }): Promise<ProgressReport> {
      const day = today();
      const period = resolvePeriod(query, day);
      if (!period.ok) throw new ValidationError([{ field: `query.${period.field}`, message: period.message }], period.message);
      const [stored, celebrated] = await Promise.all([goals.load(db, userId), celebrations.of(db, userId)]);
      return progressReport(stored, celebrated, period.from, period.to, day);
    },

    async reset(userId: string, input: { reason: ResetReason; note?: string | undefined }): Promise<ResetResult> {
      const day = today();
      const outcome = await withTransaction(db, async (client) => {
        await lockUser(client, userId);
        const set = activeSet(await goals.load(client, userId));
        if (!set) throw new ConflictError('NO_ACTIVE_MISSIONS', 'You have no active missions to reset.');
        await goals.endSet(client, set.id, { status: 'RESET', endedOn: day, reason: input.reason, note: input.note ?? null });
        const payload: MissionsResetEvent = {
          type: 'MissionsReset',
          userId,
          occurredAt: deps.clock.now().toISOString(),
          goalSetId: set.id,
          endedOn: day,
          reason: input.reason,
          missionIds: set.missions.map((m) => m.missionId),
        };
        await enqueueEvent(client, eventContracts.missionsReset, payload);
        await userProgress.bump(client, userId);
        return { set };
      });
      await afterWrite(userId);

      let recommendations = null;
      let intelligenceAvailable = true;
      try {
        recommendations = await deps.intelligence.currentRecommendations(userId);
      } catch {
        intelligenceAvailable = false;
      }
      const endedIds = outcome.set.missions.map((m) => m.missionId);
      const missions = suggestionsAfterReset(recommendations, await catalogue.list(db), input.reason, endedIds);
      logger.info('missions reset', { goalSetId: outcome.set.id, reason: input.reason, intelligenceAvailable });
      return {
        endedGoalSetId: outcome.set.id,
        endedOn: day,
        reason: input.reason,
        recommendations: { recommendationSetId: recommendations?.recommendationSetId ?? null, intelligenceAvailable, missions },
      };
    },

    /**
     * Announces, with their stored text, celebrations whose check-off did not (its replica died
     * before the AI answered, or the database failed then); the sweeper's step. Returns how many.
     */
    async announceDue(limit = 100): Promise<number> {
      let announced = 0;
      for (const due of await celebrations.unannounced(db, deps.clock.now(), limit)) {
        try {
          if (await announce(due.id, due.userId, null)) announced += 1;
        } catch (error) {
          logger.warn('celebration not announced; the next sweep tries again', { celebrationId: due.id, error: String(error) });
        }
      }
      if (announced > 0) logger.info('celebrations announced by the sweeper', { announced });
      return announced;
    },

    /** One page of facts about users with active missions, by user id. */
    async progressFacts(cursor: string | undefined, limit: number): Promise<FactsPage> {
      const day = today();
      const ids = await goals.activeUsersPage(db, cursor ?? null, limit);
      const [stored, lastDays] = await Promise.all([goals.loadMany(db, ids, addDays(day, -FACTS_HISTORY_DAYS)), goals.lastCompletedOn(db, ids)]);
      const facts: ProgressFacts[] = [];
      for (const id of ids) {
        const userFacts = progressFacts(id, stored.get(id)!, day);
        // The window above limits check-offs loaded; the last activity is read over all history.
        if (userFacts) facts.push({ ...userFacts, lastActivityDate: lastDays.get(id) ?? null });
      }
      return { today: day, users: facts, nextCursor: ids.length === limit ? ids.at(-1)! : null };
    },

    /** The parts of erasing a user, each idempotent and retried until it succeeds: their rows and events, and today's cached view. */
    erasureSteps(): ErasureStep[] {
      return [
        {
          name: 'rows',
          run: (userId) =>
            withTransaction(db, async (client) => {
              await users.erase(client, userId);
              await deleteOutboxRowsOf(client, userId);
            }),
        },
        { name: 'cache', run: (userId) => deps.cache.erase(userId) },
      ];
    },
  };
}

export type Goals = ReturnType<typeof createGoals>;

/**
 * What the clients were told, and how to judge what the system shows afterwards. Pure: no I/O.
 *
 * A write's outcome is what its client learnt: `acked` (2xx: it happened), `refused` (4xx: by
 * the API's contract nothing changed) or `unknown` (5xx, a timeout or a dropped connection: it
 * may or may not have happened). Each virtual user sends one request at a time, so the order of
 * one user's writes is the order they were sent.
 */
export type Outcome = 'acked' | 'refused' | 'unknown';

export function outcomeOf(status: number): Outcome {
  if (status >= 200 && status < 300) return 'acked';
  if (status >= 400 && status < 500) return 'refused';
  return 'unknown';
}

/**
 * `lost`: an acknowledged write is not (or no longer) there; `duplicated`: something happened
 * twice; `unexpected`: something the clients were told did not happen is there.
 */
export type Verdict = 'ok' | 'lost' | 'duplicated' | 'unexpected';

export interface Finding {
  verdict: Exclude<Verdict, 'ok'>;
  /** What was checked, e.g. `profile`, `check-off cat-ex-stretch`, `chat message`. */
  what: string;
  detail: string;
  /** When the client was told the write happened (ms since the epoch), where known. */
  at?: number;
}

/**
 * A value the last write wins (a profile, preferences, whether a mission is checked off). The
 * system may show the last acknowledged value, or the value of any write after it whose outcome
 * is unknown; anything else means an acknowledged write was lost (overwritten by nothing the
 * client was told had happened).
 */
export class Register<V> {
  private acked: V;
  private uncertain: V[] = [];

  constructor(initial: V) {
    this.acked = initial;
  }

  record(value: V, outcome: Outcome): void {
    if (outcome === 'acked') {
      this.acked = value;
      this.uncertain = [];
    } else if (outcome === 'unknown') {
      this.uncertain.push(value);
    }
  }

  /** The values the system may show now. */
  candidates(): V[] {
    return [this.acked, ...this.uncertain];
  }

  /** True when the last word on this value was an acknowledgement (no unknown write after it). */
  certain(): boolean {
    return this.uncertain.length === 0;
  }

  judge(actual: V, same: (a: V, b: V) => boolean = Object.is): Verdict {
    return this.candidates().some((candidate) => same(candidate, actual)) ? 'ok' : 'lost';
  }

  /**
   * After a read-back: the shown value becomes the known state. Unknown writes stay possible until
   * the next acknowledged one (a request the client gave up on may still finish later).
   */
  settle(actual: V, same: (a: V, b: V) => boolean = Object.is): void {
    this.acked = actual;
    this.uncertain = this.uncertain.filter((v) => !same(v, actual));
  }
}

/**
 * Writes that each add one thing (a chat message, an import) under a key the client chose. An
 * acknowledged one must be there exactly once; an unknown one at most once; a refused one not
 * at all; anything twice is a duplicate.
 */
export class Additions {
  private readonly outcomes = new Map<string, Outcome>();

  record(key: string, outcome: Outcome): void {
    this.outcomes.set(key, outcome);
  }

  get size(): number {
    return this.outcomes.size;
  }

  acked(): string[] {
    return [...this.outcomes].filter(([, o]) => o === 'acked').map(([k]) => k);
  }

  /**
   * Findings given how many times each key shows up now (keys not written by these clients are
   * ignored). An unknown write that shows up is from then on taken as done; one that does not stays
   * unknown: a request the client gave up on may still finish later (the gateway's 504 does not
   * stop the service).
   */
  judge(what: string, counts: ReadonlyMap<string, number>): Finding[] {
    const findings: Finding[] = [];
    for (const [key, outcome] of this.outcomes) {
      const count = counts.get(key) ?? 0;
      if (count > 1) findings.push({ verdict: 'duplicated', what, detail: `${key}: present ${count} times (the client was told: ${outcome})` });
      else if (outcome === 'acked' && count === 0) findings.push({ verdict: 'lost', what, detail: `${key}: acknowledged, missing` });
      else if (outcome === 'refused' && count === 1) findings.push({ verdict: 'unexpected', what, detail: `${key}: refused (4xx), yet present` });
      if (outcome === 'unknown' && count > 0) this.outcomes.set(key, 'acked');
    }
    return findings;
  }
}

/**
 * A mission whose two previous days are checked off: its streak is 3 with today checked off and
 * 2 without; the first check-off today reaches the 3-day milestone, celebrated once however often
 * it is undone and redone.
 */
export class SeededMission {
  readonly done: Register<boolean>;
  /** Whether any check-off today was acknowledged, or may have happened. */
  private doneAcked = false;
  private doneMaybe = false;

  constructor(readonly missionId: string) {
    this.done = new Register<boolean>(false);
  }

  record(done: boolean, outcome: Outcome): void {
    this.done.record(done, outcome);
    if (done && outcome === 'acked') this.doneAcked = true;
    if (done && outcome === 'unknown') this.doneMaybe = true;
  }

  /** Findings from what the goal service shows: done today, the mission's streak and its 3-day celebrations. */
  judge(shown: { doneToday: boolean; currentStreak: number; celebrations: number }): Finding[] {
    const what = `check-off ${this.missionId}`;
    const findings: Finding[] = [];
    if (this.done.judge(shown.doneToday) === 'lost') {
      findings.push({ verdict: 'lost', what, detail: `shows doneToday=${shown.doneToday}; clients were told ${JSON.stringify(this.done.candidates())}` });
    }
    const streak = shown.doneToday ? 3 : 2;
    if (shown.currentStreak > streak)
      findings.push({ verdict: 'duplicated', what: `streak ${this.missionId}`, detail: `${shown.currentStreak}, expected ${streak}` });
    if (shown.currentStreak < streak)
      findings.push({ verdict: 'lost', what: `streak ${this.missionId}`, detail: `${shown.currentStreak}, expected ${streak}` });
    if (shown.celebrations > 1)
      findings.push({ verdict: 'duplicated', what: `celebration ${this.missionId}`, detail: `${shown.celebrations} celebrations of the 3-day streak` });
    // A check-off shown as done today reached the milestone too, whatever the client was told.
    const mustCelebrate = this.doneAcked || shown.doneToday;
    if (mustCelebrate && shown.celebrations === 0)
      findings.push({ verdict: 'lost', what: `celebration ${this.missionId}`, detail: 'checked off today, no 3-day celebration' });
    if (!mustCelebrate && !this.doneMaybe && shown.celebrations > 0) {
      findings.push({ verdict: 'unexpected', what: `celebration ${this.missionId}`, detail: 'celebrated without any check-off today' });
    }
    return findings;
  }

  settle(doneToday: boolean): void {
    this.done.settle(doneToday);
    if (doneToday) this.doneAcked = true;
  }
}

/**
 * A count another service keeps from events (the batch's totals of a day) against the owner's
 * own data, once the events have had time to arrive: less than the owner means an event was
 * lost; more, that one was applied twice.
 */
export function judgeCount(what: string, owner: number, view: number | undefined): Finding[] {
  // No entry: no event arrived, which is right only while the owner has nothing either.
  if (view === undefined) return owner === 0 ? [] : [{ verdict: 'lost', what, detail: `no entry; the owner shows ${owner}` }];
  if (view < owner) return [{ verdict: 'lost', what, detail: `${view}, the owner shows ${owner}` }];
  if (view > owner) return [{ verdict: 'duplicated', what, detail: `${view}, the owner shows ${owner}` }];
  return [];
}

/** A copied value (the health service's copy of the occupation): a stale copy means an event was lost. */
export function judgeCopy(what: string, owner: string | null, copy: string | null | undefined): Finding[] {
  if (copy === undefined) return [{ verdict: 'lost', what, detail: `no copy; the owner shows ${owner}` }];
  return copy === owner ? [] : [{ verdict: 'lost', what, detail: `copy ${copy}, the owner shows ${owner}` }];
}

export interface Tally {
  lost: number;
  duplicated: number;
  unexpected: number;
}

/** Counts of each verdict. */
export function tally(findings: readonly Finding[]): Tally {
  const count = (verdict: Finding['verdict']) => findings.filter((f) => f.verdict === verdict).length;
  return { lost: count('lost'), duplicated: count('duplicated'), unexpected: count('unexpected') };
}

/**
 * Findings already reported: a loss found after one fault is still there after the next, and is
 * counted once, against the fault after which it was first seen.
 */
export class FindingsBook {
  private readonly seen = new Set<string>();
  readonly all: Finding[] = [];

  /** The findings not reported before; they are remembered. */
  fresh(findings: readonly Finding[]): Finding[] {
    const out: Finding[] = [];
    for (const finding of findings) {
      const id = `${finding.verdict}|${finding.what}|${finding.detail}`;
      if (this.seen.has(id)) continue;
      this.seen.add(id);
      out.push(finding);
      this.all.push(finding);
    }
    return out;
  }
}

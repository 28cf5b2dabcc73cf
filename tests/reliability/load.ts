import { randomInt } from 'node:crypto';
import { seoulDay } from '../support/goals.js';
import { answerOnPhone, registerNhisPerson, uniquePhone, type NhisCheckup } from '../support/health.js';
import { grantConsents, newIdentity, signInWithIdToken } from '../support/users.js';
import { batchDayTotals, healthOccupation, seedStreak } from './db.js';
import { call, codeOf, type Answer, type Traffic } from './http.js';
import { Additions, judgeCopy, judgeCount, outcomeOf, Register, SeededMission, type Finding, type Outcome } from './ledger.js';

/**
 * The mixed write load of the fault and soak suites: signed-in virtual users, each sending one
 * request at a time through the gateway — check-offs and undos, profile edits, chat messages,
 * NHIS imports and preference changes — and keeping a ledger of what each was told
 * (./ledger.ts), which `readBack` compares with what the API and the event-fed views show.
 */

const OCCUPATIONS = ['OFFICE_WORKER', 'IT_PROFESSIONAL', 'DRIVER', 'EDUCATOR', 'SELF_EMPLOYED', 'RETIRED'] as const;
/** Two spellings of one name: names are compared without spaces, so both stay the NHIS identity's. */
const NAMES = ['김민지', '김 민지'] as const;
const BIRTH_DATE = '1988-04-12';
const MISSIONS = ['cat-ex-stretch', 'cat-di-water', 'cat-st-breathing'] as const;
/** NHIS link attempts a user may make per hour (the health service allows 10), and at most one this often. */
const LINK_STARTS_PER_HOUR = 8;
const LINK_SPACING_MS = 45_000;
/** Relative weights of the operations. */
const WEIGHTS = { checkOff: 6, profile: 2, preferences: 2, chat: 2, nhisImport: 1 } as const;
type Operation = keyof typeof WEIGHTS;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(items: readonly T[]): T => items[randomInt(items.length)]!;

interface Preferences {
  optedOut: boolean;
  quietHours: { start: string; end: string } | null;
}
const prefsKey = (p: Preferences) => `${p.optedOut}|${p.quietHours ? `${p.quietHours.start}-${p.quietHours.end}` : 'none'}`;
const DEFAULT_PREFERENCES: Preferences = { optedOut: false, quietHours: { start: '22:00', end: '08:00' } };

/** A plausible checkup for an import, examined on `examDate` (YYYY-MM-DD). */
function checkupOn(examDate: string): NhisCheckup {
  return {
    year: examDate.slice(0, 4),
    examDate: examDate.replaceAll('-', ''),
    organization_name: '새봄내과의원',
    height_cm: '165.0',
    weight_kg: `${55 + randomInt(8)}.0`,
    bmi: '21.3',
    waist_cm: '74.0',
    sbp: String(105 + randomInt(20)),
    dbp: '72',
    fasting_glucose: String(85 + randomInt(20)),
    hemoglobin: '13.2',
    urine_protein: '음성',
    creatinine: '0.7',
    egfr: '105',
    ast: '21',
    alt: '18',
    ggt: '20',
    chest_xray: '정상',
  };
}

export interface LoadOptions {
  /** The Seoul day check-offs are for (the fault suite keeps one day; see `awayFromSeoulMidnight`). */
  day: string;
  /** Pause between one user's requests, ms (a random value in this range). */
  thinkMs: [number, number];
}

export class VirtualUser {
  readonly missions: SeededMission[] = MISSIONS.map((id) => new SeededMission(id));
  readonly profile = new Register<string>(`${NAMES[0]}|${OCCUPATIONS[0]}`);
  readonly preferences = new Register<string>(prefsKey(DEFAULT_PREFERENCES));
  readonly chatMessages = new Additions();
  readonly imports = new Additions();
  private readonly importedIds = new Map<string, string>();
  private readonly importedAt = new Map<string, number>();
  private linkStarts: number[] = [];
  private sequence = 0;
  private sessionAt = 0;
  private accessToken = '';
  private refreshToken = '';
  private chatId = '';
  /** Operations the stand-in's "phone" side could not take part in (the NHIS stand-in down). */
  abandonedImports = 0;

  private constructor(
    readonly label: string,
    private readonly identity: string,
    readonly userId: string,
    private readonly index: number,
    private readonly traffic: Traffic,
    private readonly options: LoadOptions,
  ) {}

  /**
   * Signs a new person in, completes the profile, chooses three missions with their two previous
   * days checked off (so today's check-off reaches the 3-day milestone), and opens a chat.
   */
  static async create(index: number, label: string, traffic: Traffic, options: LoadOptions): Promise<VirtualUser> {
    const identity = newIdentity(label);
    const session = await signInWithIdToken(identity);
    const user = new VirtualUser(label, identity, session.user.id, index, traffic, options);
    user.useSession(session.accessToken, session.refreshToken);
    await user.must('PUT', '/api/users/me', { name: NAMES[0], birthDate: BIRTH_DATE, sex: 'F', occupation: OCCUPATIONS[0] });
    // Onboarding's consents (health data, the AI provider abroad): NHIS links and chats need them.
    await grantConsents(session.accessToken);
    await user.must('PUT', '/api/goals/missions', { missionIds: [...MISSIONS] });
    const day = options.day;
    const dayBefore = (offset: number) => new Date(Date.parse(`${day}T00:00:00Z`) - offset * 86_400_000).toISOString().slice(0, 10);
    await seedStreak(user.userId, [...MISSIONS], dayBefore(2));
    for (const missionId of MISSIONS) await user.must('PUT', `/api/goals/missions/${missionId}/completions/${dayBefore(1)}`);
    user.chatId = ((await user.must('POST', '/api/intelligence/chats')) as { id: string }).id;
    return user;
  }

  private useSession(accessToken: string, refreshToken: string): void {
    this.accessToken = accessToken;
    this.refreshToken = refreshToken;
    this.sessionAt = Date.now();
  }

  /** A set-up request that must succeed (not counted as load). */
  private async must(method: string, path: string, json?: unknown): Promise<unknown> {
    const answer = await call(method, path, { token: this.accessToken, json });
    if (answer.status < 200 || answer.status >= 300) throw new Error(`${this.label}: ${method} ${path} answered ${codeOf(answer)}`);
    return answer.body;
  }

  /** A load request: sent, timed and counted. */
  private async send(kind: string, method: string, path: string, json?: unknown, timeoutMs?: number): Promise<Answer> {
    const startedAt = Date.now();
    const answer = await call(method, path, { token: this.accessToken, json, ...(timeoutMs ? { timeoutMs } : {}) });
    this.traffic.add({ kind, startedAt, endedAt: Date.now(), status: answer.status, code: codeOf(answer) });
    return answer;
  }

  /** Renews the session when older than `maxAgeMs` (access tokens live 15 minutes); signs in again if the refresh fails. */
  async keepSignedIn(maxAgeMs: number): Promise<void> {
    if (Date.now() - this.sessionAt < maxAgeMs) return;
    const refreshed = await call('POST', '/api/auth/refresh', { json: { refreshToken: this.refreshToken } });
    const body = refreshed.body as { accessToken?: string; refreshToken?: string };
    if (refreshed.status === 200 && body.accessToken && body.refreshToken) this.useSession(body.accessToken, body.refreshToken);
    else {
      const session = await signInWithIdToken(this.identity);
      this.useSession(session.accessToken, session.refreshToken);
    }
  }

  /** Waits until the health service has the profile from the user service's event (an NHIS link needs it). */
  async untilHealthKnowsProfile(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await healthOccupation(this.userId)) === undefined) {
      if (Date.now() > deadline) throw new Error(`${this.label}: the health service never learnt the profile`);
      await sleep(200);
    }
  }

  private chooseOperation(): Operation {
    const recent = this.linkStarts.filter((t) => t > Date.now() - 3_600_000);
    this.linkStarts = recent;
    const linkAllowed = recent.length < LINK_STARTS_PER_HOUR && (recent.at(-1) ?? 0) < Date.now() - LINK_SPACING_MS;
    const choices = (Object.keys(WEIGHTS) as Operation[]).filter((op) => op !== 'nhisImport' || linkAllowed);
    let roll = randomInt(choices.reduce((sum, op) => sum + WEIGHTS[op], 0));
    for (const op of choices) {
      roll -= WEIGHTS[op];
      if (roll < 0) return op;
    }
    return 'checkOff';
  }

  /** One operation, then the think time. */
  async step(): Promise<void> {
    const operation = this.chooseOperation();
    if (operation === 'checkOff') await this.checkOff();
    else if (operation === 'profile') await this.editProfile();
    else if (operation === 'preferences') await this.changePreferences();
    else if (operation === 'chat') await this.chat();
    else await this.importFromNhis();
    const [low, high] = this.options.thinkMs;
    await sleep(low + randomInt(Math.max(1, high - low)));
  }

  private async checkOff(): Promise<void> {
    const mission = pick(this.missions);
    // Flip what this client last asked for, so most requests change something.
    const done = !mission.done.candidates().at(-1);
    const path = `/api/goals/missions/${mission.missionId}/completions/${this.options.day}`;
    const answer = await this.send(done ? 'check-off' : 'undo', done ? 'PUT' : 'DELETE', path);
    mission.record(done, outcomeOf(answer.status));
  }

  private async editProfile(): Promise<void> {
    const name = pick(NAMES);
    const occupation = pick(OCCUPATIONS);
    const answer = await this.send('profile', 'PUT', '/api/users/me', { name, birthDate: BIRTH_DATE, sex: 'F', occupation });
    this.profile.record(`${name}|${occupation}`, outcomeOf(answer.status));
  }

  private async changePreferences(): Promise<void> {
    const start = `${String(20 + randomInt(4)).padStart(2, '0')}:${pick(['00', '30'])}`;
    const end = `0${6 + randomInt(3)}:${pick(['00', '30'])}`;
    const preferences: Preferences = { optedOut: randomInt(4) === 0, quietHours: randomInt(5) === 0 ? null : { start, end } };
    const answer = await this.send('preferences', 'PUT', '/api/notifications/preferences', preferences);
    this.preferences.record(prefsKey(preferences), outcomeOf(answer.status));
  }

  private async chat(): Promise<void> {
    this.sequence += 1;
    const message = `[부하 ${this.label} #${this.sequence}] 오늘 저녁에 할 만한 가벼운 운동을 추천해 주세요.`;
    const answer = await this.send('chat', 'POST', `/api/intelligence/chats/${this.chatId}/messages`, { message }, 45_000);
    this.chatMessages.record(message, outcomeOf(answer.status));
  }

  /** Link → approve on the phone → complete, with one new checkup (its exam date is the key). */
  private async importFromNhis(): Promise<void> {
    const examDate = `${2010 + this.imports.size}-${String((this.index % 9) + 1).padStart(2, '0')}-15`;
    const who = { name: pick(NAMES), birthDate: BIRTH_DATE, phone: uniquePhone() };
    try {
      await registerNhisPerson(who, [checkupOn(examDate)], { sex: 'F', pdf: true });
    } catch {
      this.abandonedImports += 1; // the aggregator's side is down: the user cannot start
      return;
    }
    this.linkStarts.push(Date.now());
    const started = await this.send('nhis-link', 'POST', '/api/health/nhis/links', { ...who, provider: 'KAKAO' });
    const link = started.body as { id?: string };
    // Nothing is imported before a link is completed.
    if (started.status !== 201 || !link.id) return this.imports.record(examDate, 'refused');
    const approved = await answerOnPhone(who.phone, 'approve').catch(() => 0);
    let completed: Answer;
    for (let attempt = 0; ; attempt += 1) {
      completed = await this.send('nhis-complete', 'POST', `/api/health/nhis/links/${link.id}/complete`);
      if (completed.status !== 202 || approved !== 200 || attempt >= 5) break;
      await sleep(300);
    }
    const view = completed.body as { state?: string; imported?: { checkupIds?: string[] } };
    let outcome: Outcome = outcomeOf(completed.status);
    if (completed.status === 202 || (outcome === 'acked' && view.state !== 'IMPORTED')) outcome = 'refused';
    this.imports.record(examDate, outcome);
    const id = view.imported?.checkupIds?.[0];
    if (outcome === 'acked' && id) {
      this.importedIds.set(examDate, id);
      this.importedAt.set(examDate, Date.now());
    }
  }

  /** A read-back request (not counted as load); throws when it does not answer 200. */
  private async read<T>(path: string): Promise<T> {
    const answer = await call('GET', path, { token: this.accessToken });
    if (answer.status !== 200) throw new Error(`${this.label}: GET ${path} answered ${codeOf(answer)}`);
    return answer.body as T;
  }

  /**
   * Compares what the API shows with what this user's clients were told, and the views other
   * services build from events with the owner's data. Call with the load paused. The ledger then
   * takes what is shown as the known state.
   */
  async readBack(): Promise<Finding[]> {
    const findings: Finding[] = [];
    const me = await this.read<{ name: string; occupation: string }>('/api/users/me');
    const profileShown = `${me.name}|${me.occupation}`;
    if (this.profile.judge(profileShown) === 'lost') {
      findings.push({
        verdict: 'lost',
        what: 'profile',
        detail: `${this.label} shows ${profileShown}; clients were told ${JSON.stringify(this.profile.candidates())}`,
      });
    }
    this.profile.settle(profileShown);

    const prefs = await this.read<Preferences>('/api/notifications/preferences');
    const prefsShown = prefsKey(prefs);
    if (this.preferences.judge(prefsShown) === 'lost') {
      findings.push({
        verdict: 'lost',
        what: 'preferences',
        detail: `${this.label} shows ${prefsShown}; clients were told ${JSON.stringify(this.preferences.candidates())}`,
      });
    }
    this.preferences.settle(prefsShown);

    const today = await this.read<{ date: string; missions: { missionId: string; doneToday: boolean; currentStreak: number }[] }>('/api/goals/today');
    const progress = await this.read<{ celebrations: { missionId: string; milestone: number }[] }>(
      `/api/goals/progress?from=${seoulDayBefore(this.options.day, 3)}`,
    );
    if (today.date === this.options.day) {
      for (const mission of this.missions) {
        const shown = today.missions.find((m) => m.missionId === mission.missionId);
        if (!shown) {
          findings.push({ verdict: 'lost', what: `mission ${mission.missionId}`, detail: `${this.label}: not in today's view` });
          continue;
        }
        const celebrations = progress.celebrations.filter((c) => c.missionId === mission.missionId && c.milestone === 3).length;
        findings.push(
          ...mission
            .judge({ doneToday: shown.doneToday, currentStreak: shown.currentStreak, celebrations })
            .map((f) => ({ ...f, detail: `${this.label}: ${f.detail}` })),
        );
        mission.settle(shown.doneToday);
      }
    }

    findings.push(...this.chatMessages.judge('chat message', await this.chatMessageCounts()));

    const checkups = await this.checkupsByDate();
    findings.push(...this.imports.judge('NHIS import', new Map([...checkups].map(([date, items]) => [date, items.length]))));
    for (const examDate of this.imports.acked()) {
      const id = this.importedIds.get(examDate);
      const item = checkups.get(examDate)?.find((c) => c.id === id);
      if (id && checkups.has(examDate) && !item)
        findings.push({ verdict: 'lost', what: 'NHIS import', detail: `${this.label} ${examDate}: checkup ${id} is not listed` });
      // A sheet stored with its checkup must stay readable (one imported while Blob Storage was down may have none).
      if (!item?.hasDocument) continue;
      const document = await call('GET', `/api/health/checkups/${item.id}/document`, { token: this.accessToken });
      if (document.status !== 200) {
        const at = this.importedAt.get(examDate);
        findings.push({ verdict: 'lost', what: 'checkup document', detail: `${this.label} ${examDate}: ${codeOf(document)}`, ...(at ? { at } : {}) });
      }
    }
    return findings;
  }

  /**
   * The views fed by events, once they have had time to arrive: the batch's totals of the day
   * against the goal service's, the health service's copy of the occupation against the user
   * service's. Empty when they agree.
   */
  async viewFindings(): Promise<Finding[]> {
    const findings: Finding[] = [];
    const today = await this.read<{ date: string; missions: { doneToday: boolean }[] }>('/api/goals/today');
    if (today.date === this.options.day) {
      const completed = today.missions.filter((m) => m.doneToday).length;
      const totals = await batchDayTotals(this.userId, this.options.day);
      findings.push(...judgeCount(`batch view: ${this.label} check-offs today`, completed, totals?.completed));
      if (totals) findings.push(...judgeCount(`batch view: ${this.label} missions scheduled today`, today.missions.length, totals.scheduled));
    }
    const me = await this.read<{ occupation: string | null }>('/api/users/me');
    findings.push(...judgeCopy(`health copy: ${this.label} occupation`, me.occupation, await healthOccupation(this.userId)));
    return findings;
  }

  private async chatMessageCounts(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    let cursor: string | null = null;
    for (let page = 0; page < 200; page += 1) {
      const query: string = new URLSearchParams({ limit: '100', ...(cursor ? { cursor } : {}) }).toString();
      const history = await this.read<{ messages: { role: string; content: string }[]; nextCursor: string | null }>(
        `/api/intelligence/chats/${this.chatId}?${query}`,
      );
      for (const m of history.messages) if (m.role === 'user') counts.set(m.content, (counts.get(m.content) ?? 0) + 1);
      if (!history.nextCursor) break;
      cursor = history.nextCursor;
    }
    return counts;
  }

  private async checkupsByDate(): Promise<Map<string, { id: string; hasDocument: boolean }[]>> {
    const byDate = new Map<string, { id: string; hasDocument: boolean }[]>();
    let cursor: string | null = null;
    for (let page = 0; page < 100; page += 1) {
      const query: string = new URLSearchParams({ limit: '50', ...(cursor ? { cursor } : {}) }).toString();
      const list = await this.read<{ items: { id: string; examDate: string | null; hasDocument: boolean }[]; nextCursor: string | null }>(
        `/api/health/checkups?${query}`,
      );
      for (const item of list.items)
        if (item.examDate) byDate.set(item.examDate, [...(byDate.get(item.examDate) ?? []), { id: item.id, hasDocument: item.hasDocument }]);
      if (!list.nextCursor) break;
      cursor = list.nextCursor;
    }
    return byDate;
  }
}

function seoulDayBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** Runs the virtual users' loops; can be paused (every user finishes its request) and resumed. */
export class Load {
  private paused = true;
  private stopped = false;
  private wake: (() => void) | undefined;
  private wakeUp: Promise<void> = new Promise((r) => (this.wake = r));
  private readonly idle = new Set<VirtualUser>();
  private loops: Promise<void>[] = [];

  constructor(readonly users: VirtualUser[]) {}

  /** Starts the loops, paused. */
  start(): void {
    this.loops = this.users.map((user) => this.loop(user));
  }

  private async loop(user: VirtualUser): Promise<void> {
    while (!this.stopped) {
      if (this.paused) {
        this.idle.add(user);
        await this.wakeUp;
        this.idle.delete(user);
        continue;
      }
      try {
        await user.step();
      } catch (error) {
        // A request never throws (see ./http.ts); anything else is a bug of the load, not of the system.
        console.error(`load: ${user.label}: ${error instanceof Error ? error.stack : String(error)}`);
        await sleep(1_000);
      }
    }
  }

  resume(): void {
    this.paused = false;
    const wake = this.wake;
    this.wakeUp = new Promise((r) => (this.wake = r));
    wake?.();
  }

  /** Resolves once every user has finished its request in flight and waits. */
  async pause(): Promise<void> {
    this.paused = true;
    while (this.idle.size < this.users.length) await sleep(50);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.resume();
    await Promise.all(this.loops);
  }
}

/** Creates `count` virtual users, a few at a time. */
export async function createUsers(count: number, prefix: string, traffic: Traffic, options: LoadOptions): Promise<VirtualUser[]> {
  const users: VirtualUser[] = [];
  for (let i = 0; i < count; i += 3) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(3, count - i) }, (_, j) => VirtualUser.create(i + j, `${prefix}${i + j + 1}`, traffic, options)),
    );
    users.push(...batch);
  }
  await Promise.all(users.map((u) => u.untilHealthKnowsProfile()));
  return users;
}

export { seoulDay };

import { grantConsents, newIdentity, signInWithIdToken } from '../support/users.js';
import { healthOccupation } from './db.js';
import { call, codeOf } from './http.js';

/**
 * How the fault suite decides the system has recovered: a fresh user (its own AI budget and NHIS
 * link allowance) tries, in order, everything a client does — sign in with Google, read and edit
 * the profile, change preferences, check a mission off, ask the chat (answered by the AI, not
 * the fallback), list checkups, start an NHIS link. A round stops at the first failure; the
 * system has recovered when a whole round passes.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  return Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref())]);
}

export class Canary {
  private flip = false;

  private constructor(
    private readonly identity: string,
    private readonly token: string,
    private readonly chatId: string,
  ) {}

  static async create(label: string): Promise<Canary> {
    const identity = newIdentity(label);
    const session = await signInWithIdToken(identity);
    const token = session.accessToken;
    const must = async (method: string, path: string, json?: unknown) => {
      const answer = await call(method, path, { token, json });
      if (answer.status < 200 || answer.status >= 300) throw new Error(`canary set-up: ${method} ${path} answered ${codeOf(answer)}`);
      return answer.body as Record<string, unknown>;
    };
    await must('PUT', '/api/users/me', { name: '최가나', birthDate: '1990-01-01', sex: 'M', occupation: 'DRIVER' });
    await grantConsents(token);
    await must('PUT', '/api/goals/missions', { missionIds: ['cat-li-posture'] });
    const chat = await must('POST', '/api/intelligence/chats');
    const deadline = Date.now() + 30_000;
    while ((await healthOccupation(session.user.id)) === undefined) {
      if (Date.now() > deadline) throw new Error('canary set-up: the health service never learnt the profile');
      await sleep(200);
    }
    return new Canary(identity, token, chat.id as string);
  }

  /** One round; resolves to the first failing step (undefined: all passed). */
  async round(day: string): Promise<string | undefined> {
    this.flip = !this.flip;
    const steps: [string, () => Promise<boolean>][] = [
      ['sign-in', async () => Boolean((await withDeadline(signInWithIdToken(this.identity), 15_000)).accessToken)],
      ['profile read', async () => (await call('GET', '/api/users/me', { token: this.token, timeoutMs: 10_000 })).status === 200],
      [
        'profile edit',
        async () =>
          (
            await call('PUT', '/api/users/me', {
              token: this.token,
              json: { name: '최가나', birthDate: '1990-01-01', sex: 'M', occupation: this.flip ? 'DRIVER' : 'STUDENT' },
              timeoutMs: 10_000,
            })
          ).status === 200,
      ],
      [
        'preferences',
        async () =>
          (
            await call('PUT', '/api/notifications/preferences', {
              token: this.token,
              json: { optedOut: false, quietHours: { start: this.flip ? '22:00' : '23:00', end: '07:00' } },
              timeoutMs: 10_000,
            })
          ).status === 200,
      ],
      [
        'check-off',
        async () =>
          (await call(this.flip ? 'PUT' : 'DELETE', `/api/goals/missions/cat-li-posture/completions/${day}`, { token: this.token, timeoutMs: 10_000 }))
            .status === 200,
      ],
      [
        'chat answered by the AI',
        async () => {
          const answer = await call('POST', `/api/intelligence/chats/${this.chatId}/messages`, {
            token: this.token,
            json: { message: '물을 하루에 얼마나 마시면 좋을까요?' },
            timeoutMs: 30_000,
          });
          return answer.status === 201 && (answer.body as { source?: string }).source === 'AI';
        },
      ],
      ['checkups', async () => (await call('GET', '/api/health/checkups', { token: this.token, timeoutMs: 10_000 })).status === 200],
      [
        'NHIS link',
        async () => {
          const answer = await call('POST', '/api/health/nhis/links', {
            token: this.token,
            json: {
              name: '최가나',
              birthDate: '1990-01-01',
              phone: `010-9${String(Date.now() % 1000).padStart(3, '0')}-${String(Date.now() % 10_000).padStart(4, '0')}`,
              provider: 'KAKAO',
            },
            timeoutMs: 10_000,
          });
          return answer.status === 201;
        },
      ],
    ];
    for (const [name, step] of steps) {
      const ok = await step().catch(() => false);
      if (!ok) return name;
    }
    return undefined;
  }

  /**
   * Rounds until one passes; resolves to when it passed (null: none did in `timeoutMs`) and the steps that failed on the way.
   * Rounds are at least `intervalMs` apart (each passing NHIS start counts against the link allowance).
   */
  async untilGreen(
    day: string,
    timeoutMs: number,
    intervalMs = 1_000,
  ): Promise<{ greenAt: number | null; failures: Record<string, number>; lastFailure?: string }> {
    const deadline = Date.now() + timeoutMs;
    const failures: Record<string, number> = {};
    for (;;) {
      const started = Date.now();
      const failed = await this.round(day);
      if (failed === undefined) return { greenAt: Date.now(), failures };
      failures[failed] = (failures[failed] ?? 0) + 1;
      if (Date.now() > deadline) return { greenAt: null, failures, lastFailure: failed };
      await sleep(Math.max(0, intervalMs - (Date.now() - started)));
    }
  }
}

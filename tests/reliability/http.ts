import { gatewayUrl } from '../support/system.js';

/** One answer through the gateway; `status` 0 when no answer came (refused connection, reset, timeout). */
export interface Answer {
  status: number;
  body: unknown;
  error?: string;
}

/** A request through the gateway with a deadline, as a mobile client would send it. */
export async function call(
  method: string,
  path: string,
  options: { token?: string; json?: unknown; timeoutMs?: number; headers?: Record<string, string> } = {},
): Promise<Answer> {
  try {
    const response = await fetch(`${gatewayUrl}${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      ...(options.json !== undefined ? { body: JSON.stringify(options.json) } : {}),
      signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
    });
    const text = await response.text();
    let body: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json')) {
      try {
        body = JSON.parse(text);
      } catch {
        // keep the text
      }
    }
    return { status: response.status, body };
  } catch (error) {
    return { status: 0, body: undefined, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The problem `code` of an error answer, for logs. */
export function codeOf(answer: Answer): string {
  const body = answer.body as { code?: unknown } | undefined;
  return answer.status === 0 ? `no answer (${answer.error ?? 'unknown'})` : `${answer.status}${typeof body?.code === 'string' ? ` ${body.code}` : ''}`;
}

/** One request the load sent: what, when, and the status it got (0: none). */
export interface Sent {
  kind: string;
  startedAt: number;
  endedAt: number;
  status: number;
  code: string;
}

/** Every request the load sent, to count them and their errors over a window of time. */
export class Traffic {
  private readonly sent: Sent[] = [];

  add(entry: Sent): void {
    this.sent.push(entry);
  }

  get total(): number {
    return this.sent.length;
  }

  /** Requests in flight at any time in [from, to): how many, how many did not get a 2xx, and their errors. */
  window(
    from: number,
    to: number,
  ): { requests: number; errors: number; errorCodes: Record<string, number>; byKind: Record<string, { requests: number; errors: number }> } {
    let requests = 0;
    let errors = 0;
    const errorCodes: Record<string, number> = {};
    const byKind: Record<string, { requests: number; errors: number }> = {};
    for (const s of this.sent) {
      if (s.startedAt >= to || s.endedAt < from) continue;
      requests += 1;
      const kind = (byKind[s.kind] ??= { requests: 0, errors: 0 });
      kind.requests += 1;
      if (s.status < 200 || s.status >= 300) {
        errors += 1;
        kind.errors += 1;
        errorCodes[`${s.kind}: ${s.code}`] = (errorCodes[`${s.kind}: ${s.code}`] ?? 0) + 1;
      }
    }
    return { requests, errors, errorCodes, byKind };
  }
}

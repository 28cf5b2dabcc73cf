import { linkAndImport, registerNhisPerson, type LinkView, type NhisCheckup, type NhisIdentity } from './health.js';
import { appPorts, eventually, sidecar } from './system.js';
import { api, type SignedIn } from './users.js';

/**
 * Helpers for the intelligence end-to-end tests: the Claude stand-in's test-only control API,
 * checkups imported through the real NHIS link (health service + NHIS stand-in, with the health
 * tests' helpers), and a reader for server-sent events.
 */
export const claudeUrl = 'http://127.0.0.1:14200';

// ---------------------------------------------------------------------------------------------
// Claude stand-in control

export interface ClaudeBehaviour {
  mode: 'normal' | 'slow' | 'fail' | 'malformed' | 'invent-number';
  status?: 429 | 500 | 529;
  count?: number;
  delayMs?: number;
  /** Pause between the events of a streamed answer (ms). */
  chunkDelayMs?: number;
  retryAfterSeconds?: number;
}

export interface LoggedClaudeRequest {
  requestId: string;
  receivedAt: string;
  model?: string;
  stream: boolean;
  system: string;
  messages: { role: string; text: string }[];
  tools: string[];
  mode?: string;
  status?: number;
  errorType?: string;
  usage?: { input_tokens: number; output_tokens: number };
  /** Streamed answers: whether the client (our service) closed the connection before the last event. */
  aborted?: boolean;
  eventsSent?: number;
  eventsTotal?: number;
}

async function control(path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${claudeUrl}/_control/${path}`, {
    method: body === undefined && path !== 'reset' ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`Claude stand-in control ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

export async function setClaudeBehaviour(behaviour: ClaudeBehaviour): Promise<void> {
  await control('behaviour', behaviour);
}

/** Back to normal answers, with an empty request log and stats. */
export async function resetClaude(): Promise<void> {
  await control('reset');
}

export async function claudeRequests(): Promise<LoggedClaudeRequest[]> {
  return ((await control('requests?limit=200')) as { requests: LoggedClaudeRequest[] }).requests;
}

export interface ClaudeStats {
  total: number;
  streamed: number;
  byStatus: Record<string, number>;
  /** Streamed answers whose client left before the last event. */
  aborted: number;
}

export async function claudeStats(): Promise<ClaudeStats> {
  return (await control('stats')) as ClaudeStats;
}

/** The user turns and system prompt of a logged request, as one text. */
export function requestText(request: LoggedClaudeRequest): string {
  return [request.system, ...request.messages.map((m) => m.text)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Checkups through the NHIS link

export interface NhisPerson extends NhisIdentity {
  sex: 'M' | 'F';
  checkups: NhisCheckup[];
}

/**
 * Links NHIS for the user through the gateway, exactly as the app does: the stand-in holds the
 * person's checkups, the user approves on the phone, the app completes the link. The health
 * service then publishes health-checkup-imported.
 */
export async function importCheckups(session: SignedIn, person: NhisPerson): Promise<LinkView> {
  const who: NhisIdentity = { name: person.name, birthDate: person.birthDate, phone: person.phone };
  await registerNhisPerson(who, person.checkups, { sex: person.sex });
  const link = await linkAndImport(session.accessToken, who);
  if (link.state !== 'IMPORTED') throw new Error(`the NHIS link ended ${link.state}`);
  return link;
}

/** Waits until the health service judges the user's latest checkup with their profile (sex, birth date) known. */
export async function waitForJudgedProfile(session: SignedIn): Promise<void> {
  await eventually(
    'the health service to know the profile',
    async () => {
      const response = await api('/api/health/checkups/latest', { token: session.accessToken });
      if (response.status !== 200) return undefined;
      const latest = (await response.json()) as { person?: { missingFacts?: string[] } };
      return (latest.person?.missingFacts ?? ['unknown']).length === 0;
    },
    20_000,
  );
}

// ---------------------------------------------------------------------------------------------
// Server-sent events

export interface SseEvent {
  event: string;
  data: unknown;
  /** ms since the response headers arrived. */
  at: number;
}

/** Reads a whole event stream, keeping each event's arrival time. */
export async function readSse(response: Response): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  const started = Date.now();
  const decoder = new TextDecoder();
  let buffer = '';
  const flush = (block: string) => {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    if (data.length > 0) events.push({ event, data: JSON.parse(data.join('\n')), at: Date.now() - started });
  };
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      flush(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
    }
  }
  if (buffer.trim() !== '') flush(buffer);
  return events;
}

// ---------------------------------------------------------------------------------------------
// Other services' view

/** Calls an intelligence internal route through another app's sidecar, as that app would. */
export function invokeIntelligenceAs(caller: 'goal' | 'batch' | 'gateway', path: string, init: { method?: string; json?: unknown } = {}): Promise<Response> {
  return sidecar(caller, `/v1.0/invoke/intelligence/method/${path.replace(/^\//, '')}`, {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });
}

/** The value of a counter on the intelligence service's /metrics (summed over its labels). */
export async function intelligenceCounter(name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${appPorts.intelligence}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/** Merges the services' OpenAPI fragments into the one public document. Pure. */
export interface Fragment {
  service: string;
  paths: Record<string, unknown>;
  components: Record<string, Record<string, unknown>>;
}

/**
 * A schema node marked with this (the home screen's parts) stands for the answer of another
 * operation: the merged document puts that operation's 2xx JSON schema in its place, so the
 * aggregate is documented by the services' own declarations.
 */
export const ANSWER_OF = 'x-healthsync-answer-of';

const TAGS: Record<string, string> = {
  home: '홈 화면 · Home screen',
  auth: '로그인과 토큰 · Sign-in and tokens',
  users: '계정과 프로필 · Account and profile',
  health: '건강검진 연동, 판정, 추이 · Checkups: linking, judgement, trends',
  intelligence: 'AI 해석, 미션 추천, 상담 · AI reading, mission recommendations, chat',
  goals: '미션 선택과 달성 · Missions and progress',
  notifications: '알림함과 알림 설정 · Inbox and notification preferences',
  platform: '서비스 상태 · Service information',
};

export function mergeOpenApi(fragments: Fragment[], version: string): Record<string, unknown> {
  const components: Record<string, Record<string, unknown>> = {};
  for (const fragment of fragments) {
    for (const [section, entries] of Object.entries(fragment.components)) {
      components[section] = { ...components[section], ...entries };
    }
  }
  const sorted = [...fragments].sort((a, b) => a.service.localeCompare(b.service));
  return {
    openapi: '3.1.0',
    info: {
      title: 'HealthSync API',
      version,
      description: [
        'HealthSync 공개 API — 건강검진 연동·판정, AI 해석과 미션 추천, 일일 미션, AI 상담, 알림.',
        'The public API of HealthSync, served by the gateway.',
        '',
        '**Sign in / 로그인**: press *Authorize* and choose `googleSignIn` (authorization code with PKCE at the OpenID Connect issuer; ' +
          'the code is redeemed at `/api/auth/token` for a HealthSync access token), or paste an access token into `bearerAuth` ' +
          '(e.g. from `npm run sign-in`).',
        '',
        '**Errors / 오류**: RFC 9457 `application/problem+json` with a stable `code`; `VALIDATION_FAILED` lists each invalid field in `errors`. ' +
          'Every operation can also answer 400 `NON_CANONICAL_PATH`, 429 `RATE_LIMITED` and 502/503/504 from the gateway.',
        '',
        '**Cursors / 커서**: opaque; pass `nextCursor` back unchanged. A cursor this API did not return is answered 400 `VALIDATION_FAILED`.',
        '',
        'Dates are days in Asia/Seoul (`YYYY-MM-DD`); instants are ISO 8601 in UTC.',
      ].join('\n'),
    },
    servers: [{ url: '/' }],
    tags: [
      ...new Set(
        sorted.flatMap((f) =>
          Object.values(f.paths).flatMap((ops) => Object.values(ops as Record<string, { tags?: string[] }>).flatMap((op) => op.tags ?? [])),
        ),
      ),
    ]
      .sort()
      .map((name) => ({ name, ...(TAGS[name] ? { description: TAGS[name] } : {}) })),
    paths: withAnswers(Object.assign({}, ...sorted.map((f) => f.paths)) as Record<string, unknown>),
    components,
  };
}

type Json = unknown;

/** operationId → the JSON schema of its first 2xx answer. */
function answerSchemas(paths: Record<string, unknown>): Map<string, Json> {
  const answers = new Map<string, Json>();
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(
      operations as Record<string, { operationId?: string; responses?: Record<string, { content?: Record<string, { schema?: Json }> }> }>,
    )) {
      const success = Object.entries(operation.responses ?? {}).find(([status]) => status.startsWith('2'))?.[1];
      const schema = success?.content?.['application/json']?.schema;
      if (operation.operationId && schema) answers.set(operation.operationId, schema);
    }
  }
  return answers;
}

/** The paths with every ANSWER_OF node replaced (a copy; the fragments are left as they are). */
function withAnswers(paths: Record<string, unknown>): Record<string, unknown> {
  const answers = answerSchemas(paths);
  const resolve = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(resolve);
    if (node === null || typeof node !== 'object') return node;
    const record = node as Record<string, Json>;
    if (typeof record[ANSWER_OF] === 'string') {
      const { [ANSWER_OF]: operationId, ...rest } = record;
      const answer = answers.get(operationId as string);
      return answer ? { ...(answer as Record<string, Json>), ...rest } : rest;
    }
    return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, resolve(value)]));
  };
  return resolve(paths) as Record<string, unknown>;
}

import { DATA_EXPORT_SCHEMA_VERSION, route, type Db, type RouteSpec } from '@healthsync/shared';
import { z } from 'zod';

const exampleUserId = '5f0c3b4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';

/** The intelligence service's part of "Download my data": every chat with its messages, every set of AI-recommended missions, daily AI use. */
export const intelligenceExportSchema = z.object({
  userId: z.uuid(),
  schemaVersion: z.literal(DATA_EXPORT_SCHEMA_VERSION),
  areas: z.object({
    chats: z
      .array(
        z.object({
          id: z.uuid(),
          title: z.string().nullable(),
          createdAt: z.iso.datetime(),
          messages: z.array(
            z.object({
              id: z.uuid(),
              role: z.enum(['user', 'assistant']),
              content: z.string(),
              source: z.enum(['AI', 'FALLBACK']).nullable(),
              createdAt: z.iso.datetime(),
            }),
          ),
        }),
      )
      .describe('Every conversation, oldest first, with its messages in order'),
    recommendations: z.array(
      z.object({
        id: z.uuid(),
        reason: z.string(),
        source: z.enum(['AI', 'FALLBACK']),
        createdAt: z.iso.datetime(),
        missions: z.array(z.object({ title: z.string(), description: z.string(), category: z.string(), difficulty: z.string(), minutes: z.number().int() })),
      }),
    ),
    'ai-usage': z
      .array(z.object({ day: z.iso.date(), calls: z.number().int(), inputTokens: z.number().int(), outputTokens: z.number().int() }))
      .describe('AI calls made for the user per day'),
  }),
});
export type IntelligenceExport = z.infer<typeof intelligenceExportSchema>;

const example: IntelligenceExport = {
  userId: exampleUserId,
  schemaVersion: DATA_EXPORT_SCHEMA_VERSION,
  areas: {
    chats: [
      {
        id: '7d1f3c2a-9b4e-4f6a-8c0d-2e5b7a9c1f34',
        title: '공복혈당이 높게 나왔어요',
        createdAt: '2026-11-23T10:00:00.000Z',
        messages: [
          {
            id: '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d',
            role: 'user',
            content: '공복혈당이 높게 나왔어요',
            source: null,
            createdAt: '2026-11-23T10:00:00.000Z',
          },
        ],
      },
    ],
    recommendations: [],
    'ai-usage': [{ day: '2026-11-23', calls: 2, inputTokens: 1840, outputTokens: 512 }],
  },
};

/** Reads the user's part (empty lists for a user the service never saw). */
export async function readIntelligenceExport(db: Db, userId: string): Promise<IntelligenceExport> {
  const [sessions, messages, sets, missions, usage] = await Promise.all([
    db.query<{ id: string; title: string | null; createdAt: Date }>(
      'select id, title, created_at as "createdAt" from chat_sessions where user_id = $1 order by created_at, id',
      [userId],
    ),
    db.query<{ id: string; sessionId: string; role: 'user' | 'assistant'; content: string; source: 'AI' | 'FALLBACK' | null; createdAt: Date }>(
      'select id, session_id as "sessionId", role, content, source, created_at as "createdAt" from chat_messages where user_id = $1 order by seq',
      [userId],
    ),
    db.query<{ id: string; reason: string; source: 'AI' | 'FALLBACK'; createdAt: Date }>(
      'select id, reason, source, created_at as "createdAt" from recommendation_sets where user_id = $1 order by created_at, id',
      [userId],
    ),
    db.query<{ setId: string; title: string; description: string; category: string; difficulty: string; minutes: number }>(
      'select set_id as "setId", title, description, category, difficulty, minutes from recommended_missions where user_id = $1 order by position',
      [userId],
    ),
    db.query<{ day: string; calls: number; inputTokens: string; outputTokens: string }>(
      `select to_char(day, 'YYYY-MM-DD') as day, calls, input_tokens as "inputTokens", output_tokens as "outputTokens"
         from token_usage where user_id = $1 order by day`,
      [userId],
    ),
  ]);
  return {
    userId,
    schemaVersion: DATA_EXPORT_SCHEMA_VERSION,
    areas: {
      chats: sessions.rows.map((s) => ({
        id: s.id,
        title: s.title,
        createdAt: s.createdAt.toISOString(),
        messages: messages.rows
          .filter((m) => m.sessionId === s.id)
          .map((m) => ({ id: m.id, role: m.role, content: m.content, source: m.source, createdAt: m.createdAt.toISOString() })),
      })),
      recommendations: sets.rows.map((set) => ({
        ...set,
        createdAt: set.createdAt.toISOString(),
        missions: missions.rows.filter((m) => m.setId === set.id).map(({ setId: _set, ...mission }) => mission),
      })),
      'ai-usage': usage.rows.map((u) => ({ day: u.day, calls: u.calls, inputTokens: Number(u.inputTokens), outputTokens: Number(u.outputTokens) })),
    },
  };
}

/** For the health service only (it builds the user's export; dapr/local/intelligence.yaml names it). */
export function createExportRoutes(db: Db | undefined): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/internal/intelligence/users/:userId/export',
      operationId: 'internalIntelligenceExport',
      summary: 'The intelligence service’s part of the user’s data export: chats and their messages, recommended missions, daily AI use',
      description: 'Read for the user themself (the right of access): no consent is needed. A user the service never saw has empty lists.',
      tags: ['internal'],
      access: 'internal',
      params: z.object({ userId: z.uuid() }),
      example: { params: { userId: exampleUserId } },
      responses: { 200: { description: 'The part, one area per file of the export', schema: intelligenceExportSchema, example } },
      async handler({ params }) {
        return readIntelligenceExport(db!, params.userId);
      },
    }),
  ];
}

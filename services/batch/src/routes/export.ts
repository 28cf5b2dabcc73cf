import { DATA_EXPORT_SCHEMA_VERSION, route, type Db, type RouteSpec } from '@healthsync/shared';
import { z } from 'zod';
import { PUSH_PLATFORMS, tokenEnding } from '../domain/push.js';

const exampleUserId = '5f0c3b4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';

/**
 * The batch service's part of "Download my data": the inbox, the notification preferences and the
 * devices registered for push — each device with its token's last characters only, never the token.
 */
export const batchExportSchema = z.object({
  userId: z.uuid(),
  schemaVersion: z.literal(DATA_EXPORT_SCHEMA_VERSION),
  areas: z.object({
    notifications: z
      .array(
        z.object({
          id: z.uuid(),
          kind: z.string(),
          text: z.string(),
          source: z.enum(['AI', 'FALLBACK']),
          createdAt: z.iso.datetime(),
          deliverAt: z.iso.datetime(),
          readAt: z.iso.datetime().nullable(),
        }),
      )
      .describe('Every inbox message, oldest first (also those still waiting for the end of quiet hours)'),
    'notification-preferences': z
      .object({
        optedOut: z.boolean(),
        quietStartMinute: z.number().int().nullable(),
        quietEndMinute: z.number().int().nullable(),
        updatedAt: z.iso.datetime(),
      })
      .nullable()
      .describe('null when the user never changed the defaults'),
    'push-devices': z.array(
      z.object({
        deviceId: z.string(),
        platform: z.enum(PUSH_PLATFORMS),
        tokenEnding: z.string().describe('The last characters of the registration token; the token itself is not exported'),
        registeredAt: z.iso.datetime(),
        updatedAt: z.iso.datetime(),
      }),
    ),
  }),
});
export type BatchExport = z.infer<typeof batchExportSchema>;

const example: BatchExport = {
  userId: exampleUserId,
  schemaVersion: DATA_EXPORT_SCHEMA_VERSION,
  areas: {
    notifications: [
      {
        id: '3e8b1f20-5c7a-4d92-b6e1-0f4a9c2d7e58',
        kind: 'ENCOURAGEMENT',
        text: '어제 물 8잔 마시기를 해내셨어요. 오늘도 한 잔씩 채워 봐요!',
        source: 'AI',
        createdAt: '2026-11-23T23:00:05.000Z',
        deliverAt: '2026-11-23T23:00:05.000Z',
        readAt: null,
      },
    ],
    'notification-preferences': null,
    'push-devices': [
      {
        deviceId: '6f1c2a9e-3b7d-4e58-a0c4-9d2e7f1b3a65',
        platform: 'ANDROID',
        tokenEnding: 'Xk9_q2',
        registeredAt: '2026-12-01T23:10:04.120Z',
        updatedAt: '2026-12-01T23:10:04.120Z',
      },
    ],
  },
};

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** Reads the user's part (empty for a user the service never saw). */
export async function readBatchExport(db: Db, userId: string): Promise<BatchExport> {
  const [notifications, preferences, devices] = await Promise.all([
    db.query<{ id: string; kind: string; text: string; source: 'AI' | 'FALLBACK'; createdAt: Date; deliverAt: Date; readAt: Date | null }>(
      `select id, kind, text, source, created_at as "createdAt", deliver_at as "deliverAt", read_at as "readAt"
         from notifications where user_id = $1 order by deliver_at, id`,
      [userId],
    ),
    db.query<{ optedOut: boolean; quietStartMinute: number | null; quietEndMinute: number | null; updatedAt: Date }>(
      `select opted_out as "optedOut", quiet_start_minute as "quietStartMinute", quiet_end_minute as "quietEndMinute", updated_at as "updatedAt"
         from preferences where user_id = $1`,
      [userId],
    ),
    db.query<{ deviceId: string; platform: (typeof PUSH_PLATFORMS)[number]; token: string; registeredAt: Date; updatedAt: Date }>(
      `select device_id as "deviceId", platform, token, registered_at as "registeredAt", updated_at as "updatedAt"
         from push_devices where user_id = $1 order by registered_at, device_id`,
      [userId],
    ),
  ]);
  const prefs = preferences.rows[0];
  return {
    userId,
    schemaVersion: DATA_EXPORT_SCHEMA_VERSION,
    areas: {
      notifications: notifications.rows.map((n) => ({
        ...n,
        createdAt: n.createdAt.toISOString(),
        deliverAt: n.deliverAt.toISOString(),
        readAt: iso(n.readAt),
      })),
      'notification-preferences': prefs ? { ...prefs, updatedAt: prefs.updatedAt.toISOString() } : null,
      'push-devices': devices.rows.map((d) => ({
        deviceId: d.deviceId,
        platform: d.platform,
        tokenEnding: tokenEnding(d.token),
        registeredAt: d.registeredAt.toISOString(),
        updatedAt: d.updatedAt.toISOString(),
      })),
    },
  };
}

/** For the health service only (it builds the user's export; dapr/local/batch.yaml names it). */
export function createExportRoutes(db: Db | undefined): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/internal/batch/users/:userId/export',
      operationId: 'internalBatchExport',
      summary: 'The batch service’s part of the user’s data export: inbox, notification preferences, push devices (token endings only)',
      description: 'Read for the user themself (the right of access): no consent is needed. A user the service never saw has empty lists.',
      tags: ['internal'],
      access: 'internal',
      params: z.object({ userId: z.uuid() }),
      example: { params: { userId: exampleUserId } },
      responses: { 200: { description: 'The part, one area per file of the export', schema: batchExportSchema, example } },
      async handler({ params }) {
        return readBatchExport(db!, params.userId);
      },
    }),
  ];
}

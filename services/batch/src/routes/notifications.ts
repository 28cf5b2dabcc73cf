import { route, type RouteSpec } from '@healthsync/shared';
import { z } from 'zod';
import type { Inbox } from '../handlers/inbox.js';
import { encodeCursor } from '../domain/inbox-cursor.js';
import { INBOX_KINDS, INBOX_SOURCES } from '../domain/inbox-kinds.js';
import { CLOCK } from '../domain/quiet-hours.js';

const notificationSchema = z.object({
  id: z.uuid(),
  kind: z
    .enum(INBOX_KINDS)
    .describe(
      'ENCOURAGEMENT: the daily AI nudge. CELEBRATION: a streak milestone reached (3, 7, 21 or 66 days of a mission in a row). ' +
        'INACTIVITY_NOTICE: the account has not been used for most of the retention period and will be erased from the day the text ' +
        'names unless the user signs in before (docs/decisions/022); show it prominently. New kinds may be added: show their text',
    ),
  text: z.string().describe('At most 80 characters (a celebration at most 100; a notice longer)'),
  source: z.enum(INBOX_SOURCES).describe('FALLBACK when the AI could not write it; SYSTEM for the service’s own notices'),
  deliveredAt: z.iso.datetime().describe('When it arrived in the inbox (after quiet hours, if it waited), ISO 8601'),
  read: z.boolean(),
  readAt: z.iso.datetime().nullable(),
});

const inboxSchema = z.object({
  items: z.array(notificationSchema).describe('Newest first'),
  unreadCount: z.number().int().describe('Unread messages in the whole inbox'),
  nextCursor: z.string().nullable().describe('Opaque; pass as `cursor` for the next page; null on the last page'),
});

const clock = z.string().regex(CLOCK, 'HH:MM, 00:00–23:59');
const quietHoursSchema = z
  .object({ start: clock.describe('Asia/Seoul, inclusive'), end: clock.describe('Asia/Seoul, exclusive') })
  .refine((q) => q.start !== q.end, { message: 'start and end must differ (send null for no quiet hours)', path: ['end'] });

const preferencesInput = z.strictObject({
  optedOut: z.boolean().describe('true: no daily encouragement at all and no push of any message (celebrations still arrive in the inbox)'),
  quietHours: quietHoursSchema.nullable().describe('Messages written during these hours wait until they end; null: none'),
});

const preferencesSchema = z.object({
  optedOut: z.boolean(),
  quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
  timeZone: z.literal('Asia/Seoul'),
  isDefault: z.boolean().describe('true until the user saves their own (default: quiet 22:00–08:00)'),
  updatedAt: z.iso.datetime().nullable(),
});

const notificationExample = {
  id: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
  kind: 'ENCOURAGEMENT' as const,
  text: '어제 미션 3개 중 2개 완료! 오늘 점심 산책으로 3일 연속 기록을 이어가요 🙂',
  source: 'AI' as const,
  deliveredAt: '2026-12-02T00:00:04.218Z',
  read: false,
  readAt: null,
};
const preferencesExample = {
  optedOut: false,
  quietHours: { start: '22:00', end: '07:30' },
  timeZone: 'Asia/Seoul' as const,
  isDefault: false,
  updatedAt: '2026-12-01T13:20:55.031Z',
};

export function createNotificationRoutes(inbox: Inbox): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/notifications',
      operationId: 'listNotifications',
      summary: 'The signed-in user’s inbox, newest first, with the unread count',
      summaryKo: '알림함',
      tags: ['notifications'],
      access: 'user',
      query: z.object({
        limit: z.coerce.number().int().min(1).max(100).default(20),
        cursor: z
          .string()
          .min(1)
          .max(200)
          .regex(/^[A-Za-z0-9_-]+$/, 'not a cursor this API returned')
          .optional()
          .describe('Opaque cursor: `nextCursor` of the previous page, passed back unchanged; a forged one is answered 400 VALIDATION_FAILED'),
      }),
      example: { query: { limit: '20' } },
      responses: {
        200: {
          description: 'One page of the inbox',
          schema: inboxSchema,
          example: {
            items: [notificationExample],
            unreadCount: 1,
            nextCursor: encodeCursor({ deliveredAt: '2026-12-01T00:00:03.907Z', id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f2a3b4c5d' }),
          },
        },
      },
      async handler({ userId, query }) {
        return inbox.list(userId, query);
      },
    }),
    route({
      method: 'get',
      path: '/api/notifications/preferences',
      operationId: 'getNotificationPreferences',
      summary: 'Opt-out and quiet hours of the daily encouragement',
      summaryKo: '알림 설정 조회',
      tags: ['notifications'],
      access: 'user',
      etag: true,
      responses: {
        200: {
          description: 'The preferences (defaults until saved)',
          schema: preferencesSchema,
          example: { optedOut: false, quietHours: { start: '22:00', end: '08:00' }, timeZone: 'Asia/Seoul', isDefault: true, updatedAt: null },
        },
      },
      async handler({ userId }) {
        return inbox.preferences(userId);
      },
    }),
    route({
      method: 'put',
      path: '/api/notifications/preferences',
      operationId: 'saveNotificationPreferences',
      summary: 'Opt out of the daily encouragement or set quiet hours (Asia/Seoul)',
      summaryKo: '알림 설정 변경(수신 거부·방해 금지 시간)',
      ifMatch: { current: (userId) => inbox.preferences(userId) },
      tags: ['notifications'],
      access: 'user',
      body: preferencesInput,
      example: { body: { optedOut: false, quietHours: { start: '22:00', end: '07:30' } } },
      responses: { 200: { description: 'The saved preferences; waiting messages follow them', schema: preferencesSchema, example: preferencesExample } },
      async handler({ userId, body }) {
        return inbox.savePreferences(userId, body);
      },
    }),
    route({
      method: 'post',
      path: '/api/notifications/:id/read',
      operationId: 'markNotificationRead',
      summary: 'Mark one message read (again is fine)',
      summaryKo: '알림 읽음 표시',
      tags: ['notifications'],
      access: 'user',
      params: z.object({ id: z.uuid() }),
      example: { params: { id: notificationExample.id } },
      responses: {
        200: {
          description: 'The message, read',
          schema: notificationSchema,
          example: { ...notificationExample, read: true, readAt: '2026-12-02T07:02:31.660Z' },
        },
        404: { description: 'No such message in this user’s inbox', codes: { NOTIFICATION_NOT_FOUND: 'No such notification in your inbox.' } },
      },
      async handler({ userId, params }) {
        return inbox.markRead(userId, params.id);
      },
    }),
  ];
}

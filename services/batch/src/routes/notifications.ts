import { route, type RouteSpec } from '@healthsync/shared';
import { z } from 'zod';
import type { Inbox } from '../handlers/inbox.js';
import { CLOCK } from '../domain/quiet-hours.js';

const notificationSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['ENCOURAGEMENT']).describe('ENCOURAGEMENT: the daily AI nudge'),
  text: z.string().describe('At most 80 characters'),
  source: z.enum(['AI', 'FALLBACK']).describe('FALLBACK when the AI could not write it'),
  deliveredAt: z.string().describe('When it arrived in the inbox (after quiet hours, if it waited), ISO 8601'),
  read: z.boolean(),
  readAt: z.string().nullable(),
});

const inboxSchema = z.object({
  items: z.array(notificationSchema).describe('Newest first'),
  unreadCount: z.number().int().describe('Unread messages in the whole inbox'),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
});

const clock = z.string().regex(CLOCK, 'HH:MM, 00:00–23:59');
const quietHoursSchema = z
  .object({ start: clock.describe('Asia/Seoul, inclusive'), end: clock.describe('Asia/Seoul, exclusive') })
  .refine((q) => q.start !== q.end, { message: 'start and end must differ (send null for no quiet hours)', path: ['end'] });

const preferencesInput = z.strictObject({
  optedOut: z.boolean().describe('true: no daily encouragement at all'),
  quietHours: quietHoursSchema.nullable().describe('Messages written during these hours wait until they end; null: none'),
});

const preferencesSchema = z.object({
  optedOut: z.boolean(),
  quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
  timeZone: z.literal('Asia/Seoul'),
  isDefault: z.boolean().describe('true until the user saves their own (default: quiet 22:00–08:00)'),
  updatedAt: z.string().nullable(),
});

export function createNotificationRoutes(inbox: Inbox): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/notifications',
      operationId: 'listNotifications',
      summary: 'The signed-in user’s inbox, newest first, with the unread count',
      tags: ['notifications'],
      access: 'user',
      query: z.object({
        limit: z.coerce.number().int().min(1).max(100).default(20),
        cursor: z.string().min(1).max(200).optional().describe('nextCursor of the previous page'),
      }),
      responses: { 200: { description: 'One page of the inbox', schema: inboxSchema } },
      async handler({ userId, query }) {
        return inbox.list(userId, query);
      },
    }),
    route({
      method: 'get',
      path: '/api/notifications/preferences',
      operationId: 'getNotificationPreferences',
      summary: 'Opt-out and quiet hours of the daily encouragement',
      tags: ['notifications'],
      access: 'user',
      responses: { 200: { description: 'The preferences (defaults until saved)', schema: preferencesSchema } },
      async handler({ userId }) {
        return inbox.preferences(userId);
      },
    }),
    route({
      method: 'put',
      path: '/api/notifications/preferences',
      operationId: 'saveNotificationPreferences',
      summary: 'Opt out of the daily encouragement or set quiet hours (Asia/Seoul)',
      tags: ['notifications'],
      access: 'user',
      body: preferencesInput,
      responses: { 200: { description: 'The saved preferences; waiting messages follow them', schema: preferencesSchema } },
      async handler({ userId, body }) {
        return inbox.savePreferences(userId, body);
      },
    }),
    route({
      method: 'post',
      path: '/api/notifications/:id/read',
      operationId: 'markNotificationRead',
      summary: 'Mark one message read (again is fine)',
      tags: ['notifications'],
      access: 'user',
      params: z.object({ id: z.uuid() }),
      responses: {
        200: { description: 'The message, read', schema: notificationSchema },
        404: { description: 'No such message in this user’s inbox' },
      },
      async handler({ userId, params }) {
        return inbox.markRead(userId, params.id);
      },
    }),
  ];
}

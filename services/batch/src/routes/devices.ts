import { NotFoundError, route, type RouteSpec } from '@healthsync/shared';
import { z } from 'zod';
import { PUSH_PLATFORMS } from '../domain/push.js';
import type { PushDevices } from '../handlers/push.js';

const deviceId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, underscore and hyphen')
  .describe('The app’s own id for this installation (stable while the app is installed; e.g. a UUID it generated)');

const registration = z.strictObject({
  token: z
    .string()
    .min(32)
    .max(4096)
    .regex(/^[A-Za-z0-9_:-]+$/, 'an FCM registration token')
    .describe('The FCM registration token the Firebase SDK gave the app (on iOS too: APNs goes through FCM)'),
  platform: z.enum(PUSH_PLATFORMS),
});

const deviceSchema = z.object({
  deviceId: z.string(),
  platform: z.enum(PUSH_PLATFORMS),
  tokenEnding: z.string().describe('The last characters of the token; the token itself is never returned'),
  registeredAt: z.iso.datetime(),
  updatedAt: z.iso.datetime().describe('When the token or platform last changed'),
});

const deviceExample = {
  deviceId: '6f1c2a9e-3b7d-4e58-a0c4-9d2e7f1b3a65',
  platform: 'ANDROID' as const,
  tokenEnding: 'Xk9_q2',
  registeredAt: '2026-12-01T23:10:04.120Z',
  updatedAt: '2026-12-01T23:10:04.120Z',
};
const tokenExample = 'fM3kQ8zJTu2x1vR7c0PqLd:APA91bH4nq7Zr2mW0cYt8sVb3LxK6pE1oJ5gUfD9iAaS2hQwN7eR4yTzM0kB6vC3lX8jG1uF5dI2oP9sHqZ7wE4rTy0bNx3mKc6vLp1Xk9_q2';

export function createDeviceRoutes(devices: PushDevices): RouteSpec[] {
  const params = z.object({ deviceId });
  return [
    route({
      method: 'get',
      path: '/api/notifications/devices',
      operationId: 'listPushDevices',
      summary: 'The signed-in user’s devices that receive push notifications',
      summaryKo: '푸시 알림을 받는 기기 목록',
      tags: ['notifications'],
      access: 'user',
      responses: { 200: { description: 'Oldest first', schema: z.object({ items: z.array(deviceSchema) }), example: { items: [deviceExample] } } },
      async handler({ userId }) {
        return devices.list(userId);
      },
    }),
    route({
      method: 'put',
      path: '/api/notifications/devices/:deviceId',
      operationId: 'registerPushDevice',
      summary: 'Register (or refresh) this device’s push token; the same call again changes nothing',
      summaryKo: '푸시 알림 기기 등록(토큰 갱신)',
      description:
        'Call at every app start and whenever the Firebase SDK reports a new token. A token belongs to one account and device: ' +
        'registering a token another account holds (the phone changed hands) moves it here. Inbox messages are then pushed to ' +
        'every registered device, honouring opt-out and quiet hours; a token FCM reports as unregistered is removed.',
      tags: ['notifications'],
      access: 'user',
      params,
      body: registration,
      example: { params: { deviceId: deviceExample.deviceId }, body: { token: tokenExample, platform: 'ANDROID' } },
      responses: { 200: { description: 'The device as registered', schema: deviceSchema, example: deviceExample } },
      async handler({ userId, params, body }) {
        return devices.register(userId, params.deviceId, body);
      },
    }),
    route({
      method: 'delete',
      path: '/api/notifications/devices/:deviceId',
      operationId: 'unregisterPushDevice',
      summary: 'Stop pushing to this device (at sign-out)',
      summaryKo: '푸시 알림 기기 해제',
      tags: ['notifications'],
      access: 'user',
      params,
      example: { params: { deviceId: deviceExample.deviceId } },
      responses: {
        204: { description: 'The device no longer receives pushes' },
        404: { description: 'This account has no device with this id (already unregistered)', codes: { DEVICE_NOT_FOUND: 'No such device on your account.' } },
      },
      async handler({ userId, params }) {
        // Device ids name devices within the caller's own account: another account's id is simply not found.
        if (!(await devices.unregister(userId, params.deviceId))) throw new NotFoundError('DEVICE_NOT_FOUND', 'No such device on your account.');
        return undefined;
      },
    }),
  ];
}

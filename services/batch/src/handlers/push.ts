import { lockLiveUser, withTransaction, type Clock, type Db, type Logger, type Metrics } from '@healthsync/shared';
import { PushUnavailableError, type FcmClient } from '../adapters/fcm-client.js';
import type { NotificationsRepository } from '../adapters/notifications-repository.js';
import type { ClaimedPush, PushDevice, PushRepository } from '../adapters/push-repository.js';
import { fcmMessage, planPush, tokenEnding, type PushPlatform } from '../domain/push.js';
import { DEFAULT_PREFERENCES } from '../domain/quiet-hours.js';

export interface DeviceView {
  deviceId: string;
  platform: PushPlatform;
  /** The token's last characters, to tell devices apart (the token itself is never shown). */
  tokenEnding: string;
  registeredAt: string;
  updatedAt: string;
}

const viewOf = (device: PushDevice): DeviceView => ({
  deviceId: device.deviceId,
  platform: device.platform,
  tokenEnding: tokenEnding(device.token),
  registeredAt: device.registeredAt.toISOString(),
  updatedAt: device.updatedAt.toISOString(),
});

export type PushDevices = ReturnType<typeof createPushDevices>;

/** The signed-in user's push devices. */
export function createPushDevices(deps: { db: Db; push: PushRepository; logger: Logger }) {
  const { db, push, logger } = deps;
  return {
    async register(userId: string, deviceId: string, input: { token: string; platform: PushPlatform }): Promise<DeviceView> {
      const { device, movedFrom } = await withTransaction(db, async (client) => {
        // An erased account (a token still valid for a few minutes) registers nothing: 401 ACCOUNT_DELETED.
        await lockLiveUser(client, userId);
        return push.register(client, userId, deviceId, input.platform, input.token);
      });
      // Never the token: it addresses the device.
      logger.info('push device registered', { userId, deviceId, platform: input.platform, tookOverToken: movedFrom > 0 });
      return viewOf(device);
    },
    async list(userId: string): Promise<{ items: DeviceView[] }> {
      return { items: (await push.devices(userId)).map(viewOf) };
    },
    /** False when the account has no such device. */
    async unregister(userId: string, deviceId: string): Promise<boolean> {
      const removed = await push.unregister(userId, deviceId);
      if (removed) logger.info('push device unregistered', { userId, deviceId });
      return removed;
    },
  };
}

export interface PushSettings {
  pollIntervalMs: number;
  claimSize: number;
  claimTtlSeconds: number;
  /** A message longer in the inbox than this is not pushed any more. */
  maxAgeMinutes: number;
  /** How long to wait before trying again when push itself is unavailable (no credentials, token endpoint down). */
  unavailableRetrySeconds: number;
}

export type PushDispatch = ReturnType<typeof createPushDispatch>;

/**
 * Pushes inbox messages once they are in the inbox: claims due messages (shared among replicas
 * like the daily run's users), checks opt-out and quiet hours at send time, sends to each of the
 * user's devices through FCM, removes tokens FCM calls unregistered, and records the outcome on
 * the message. Nothing here changes or removes an inbox message.
 */
export function createPushDispatch(deps: {
  push: PushRepository;
  notifications: NotificationsRepository;
  fcm: FcmClient;
  settings: PushSettings;
  owner: string;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}) {
  const { push, notifications, fcm, settings, clock, logger, metrics } = deps;
  const outcomes = metrics.counter('push_messages_total', 'Inbox messages whose push was decided, by outcome and reason', ['outcome', 'reason']);
  const sends = metrics.counter('push_sends_total', 'Sends to FCM (one device, attempts included), by result', ['result']);
  const removed = metrics.counter('push_tokens_removed_total', 'Registration tokens removed because FCM refused them', ['reason']);

  async function one(message: ClaimedPush): Promise<void> {
    const now = clock.now();
    const [preferences, devices] = await Promise.all([notifications.preferences(message.userId), push.devices(message.userId)]);
    const plan = planPush({
      now,
      deliverAt: message.deliverAt,
      preferences: preferences ?? DEFAULT_PREFERENCES,
      deviceCount: devices.length,
      maxAgeMinutes: settings.maxAgeMinutes,
    });
    if (plan.action === 'WAIT') {
      await push.wait(message.id, plan.until, 'QUIET_HOURS');
      logger.info('push deferred', { notificationId: message.id, reason: 'QUIET_HOURS', until: plan.until.toISOString() });
      return;
    }
    if (plan.action === 'SKIP') {
      await push.finish(message.id, 'SKIPPED', plan.reason, now);
      outcomes.inc({ outcome: 'SKIPPED', reason: plan.reason });
      return;
    }
    let sent = 0;
    const failures: string[] = [];
    for (const device of devices) {
      const result = await fcm.send(fcmMessage(device.token, message));
      sends.inc({ result: result.kind });
      if (result.kind === 'SENT') {
        sent += 1;
      } else if (result.kind === 'UNREGISTERED' || result.kind === 'INVALID_TOKEN') {
        await push.removeToken(device.token);
        removed.inc({ reason: result.kind });
        logger.info('push token removed', { userId: message.userId, deviceId: device.deviceId, reason: result.kind });
      } else {
        failures.push(result.kind === 'UNAUTHENTICATED' ? 'UNAUTHENTICATED' : result.code);
        logger.warn('push to a device failed', { notificationId: message.id, deviceId: device.deviceId, result: result.kind, attempts: result.attempts });
      }
    }
    const done = clock.now();
    if (sent > 0) {
      await push.finish(message.id, 'SENT', failures.length > 0 ? `PARTIAL:${failures.join(',')}` : null, done);
      outcomes.inc({ outcome: 'SENT', reason: '' });
      logger.info('push sent', { notificationId: message.id, devices: sent, failed: failures.length });
    } else if (failures.length === 0) {
      // Every device's token was refused as gone.
      await push.finish(message.id, 'SKIPPED', 'NO_DEVICES', done);
      outcomes.inc({ outcome: 'SKIPPED', reason: 'NO_DEVICES' });
    } else {
      await push.finish(message.id, 'FAILED', failures.join(','), done);
      outcomes.inc({ outcome: 'FAILED', reason: failures[0] ?? '' });
      logger.warn('push failed', { notificationId: message.id, reasons: failures });
    }
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = false;

  async function pass(): Promise<number> {
    let handled = 0;
    for (;;) {
      const claimed = await push.claimDue(clock.now(), settings.claimSize, settings.claimTtlSeconds, deps.owner);
      if (claimed.length === 0) return handled;
      for (const message of claimed) {
        try {
          await one(message);
        } catch (error) {
          const unavailable = error instanceof PushUnavailableError;
          const at = new Date(clock.now().getTime() + settings.unavailableRetrySeconds * 1000);
          await push.wait(message.id, at, unavailable ? 'PUSH_UNAVAILABLE' : 'ERROR');
          logger.error('push could not be attempted; tried again later', {
            notificationId: message.id,
            code: unavailable ? 'PUSH_UNAVAILABLE' : 'ERROR',
            error: error instanceof Error ? error.message : String(error),
          });
          // The next messages would meet the same outage: leave them for the next pass.
          if (unavailable) return handled;
        }
        handled += 1;
      }
      if (stopped) return handled;
    }
  }

  return {
    /** One pass over the due messages (also what the timer runs); resolves with how many were handled. */
    pass(): Promise<number> {
      running ??= pass().finally(() => {
        running = undefined;
      });
      return running;
    },
    start() {
      const tick = () => {
        timer = setTimeout(() => {
          this.pass()
            .catch((error: unknown) => logger.error('push pass failed', { error: error instanceof Error ? error.message : String(error) }))
            .finally(() => {
              if (!stopped) tick();
            });
        }, settings.pollIntervalMs);
        timer.unref();
      };
      tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

import { eventContracts, eventSubscription, type Erasure, type Logger, type Metrics, type Subscription } from '@healthsync/shared';

/**
 * UserDeleted: the erasure is recorded first (the tombstone: later goal events and writes for the user
 * are ignored or refused), then the user's notifications, preferences, run decisions, goal view, push
 * devices and the payloads of their dead letters go — by the sweeper if something is down.
 */
export function userDeletedSubscription(erasure: Erasure, logger: Logger, metrics: Metrics): Subscription {
  const erasures = metrics.counter('batch_erasure_events_total', 'user-deleted deliveries, by what they did', ['outcome']);
  return eventSubscription(eventContracts.userDeleted, {
    async handle(event) {
      const outcome = await erasure.handle(event.data.userId);
      erasures.inc({ outcome });
      if (outcome === 'duplicate') logger.info('user-deleted for an account already erased here', { eventId: event.id });
    },
  });
}

import { eventContracts, eventSubscription, type Logger, type Metrics, type Subscription } from '@healthsync/shared';
import type { InactivityNotices } from '../handlers/inactivity-notices.js';

/** inactive-account-notice: an inbox message (and so a push) telling the user their account will be erased unless they come back. */
export function inactivityNoticeSubscription(notices: InactivityNotices, logger: Logger, metrics: Metrics): Subscription {
  const counted = metrics.counter('batch_inactivity_notices_total', 'inactive-account-notice deliveries, by what they did', ['outcome']);
  return eventSubscription(eventContracts.inactiveAccountNotice, {
    async handle(event) {
      const outcome = await notices.handle(event.data);
      counted.inc({ outcome });
      if (outcome === 'ignored') logger.info('inactivity notice for an account already erased here', { eventId: event.id });
    },
  });
}

/**
 * A test-only app with its own sidecar (app id `platform-probe`), used by the platform
 * tests to drive the real pub/sub delivery path through the shared subscription helper:
 * a message can ask to fail its first N deliveries, and the probe reports what it saw.
 */
import { route, startService, stopOnSignals, subscription } from '@healthsync/shared';
import { z } from 'zod';

const deliveries = new Map<string, { attempts: number; delivered: boolean; eventIds: string[] }>();
/** Events the probe listens to like any consumer would (every contracted topic), recorded per topic. */
const OBSERVED: { pubsub: string; topic: string }[] = [
  ...[
    'user-registered',
    'user-profile-changed',
    'user-deleted',
    'inactive-account-notice',
    'consent-withdrawn',
    'health-checkup-imported',
    'goal-set',
    'mission-completed',
    'mission-undone',
    'missions-reset',
    'celebration-earned',
  ].map((topic) => ({ pubsub: 'events', topic })),
  { pubsub: 'usage-stream', topic: 'ai-usage' },
];
/**
 * Topics on which the probe behaves like a subscriber that fails once: it refuses the first
 * delivery of every event (RETRY) and records the event when it comes again, with the number
 * of attempts — so tests can show each change arrives exactly once despite the failure.
 */
const FAIL_FIRST_DELIVERY = new Set(['goal-set', 'mission-completed', 'mission-undone', 'missions-reset']);
const observed = new Map<string, { id: string; type: string; source: string; data: unknown; attempts: number }[]>(OBSERVED.map((o) => [o.topic, []]));
const attemptsById = new Map<string, number>();

const service = await startService({
  name: 'platform-probe',
  settings: {},
  async build() {
    return {
      routes: [
        route({
          method: 'get',
          path: '/internal/probe/events/:topic',
          operationId: 'probeEvents',
          summary: 'Events observed on a topic',
          tags: ['probe'],
          access: 'internal',
          params: z.object({ topic: z.string() }),
          responses: { 200: { description: 'events in arrival order' } },
          async handler({ params }) {
            return { events: observed.get(params.topic) ?? [] };
          },
        }),
        route({
          method: 'get',
          path: '/internal/probe/deliveries/:probeId',
          operationId: 'probeDeliveries',
          summary: 'What the probe received for one message',
          tags: ['probe'],
          access: 'internal',
          params: z.object({ probeId: z.string() }),
          responses: { 200: { description: 'attempts so far' } },
          async handler({ params }) {
            return deliveries.get(params.probeId) ?? { attempts: 0, delivered: false, eventIds: [] };
          },
        }),
      ],
      subscriptions: [
        ...OBSERVED.map(({ pubsub, topic }) =>
          subscription({
            pubsub,
            topic,
            route: `/events/observed/${topic}`,
            schema: z.record(z.string(), z.unknown()),
            async handle(event) {
              const attempts = (attemptsById.get(event.id) ?? 0) + 1;
              attemptsById.set(event.id, attempts);
              if (FAIL_FIRST_DELIVERY.has(topic) && attempts === 1) throw new Error(`probe refusing the first delivery of ${event.id} on purpose`);
              observed.get(topic)!.push({ id: event.id, type: event.type, source: event.source, data: event.data, attempts });
            },
          }),
        ),
        subscription({
          pubsub: 'events',
          topic: 'platform-probe',
          route: '/events/platform-probe',
          schema: z.object({ probeId: z.string(), failTimes: z.number().int().min(0) }),
          async handle(event) {
            const seen = deliveries.get(event.data.probeId) ?? { attempts: 0, delivered: false, eventIds: [] };
            seen.attempts += 1;
            seen.eventIds.push(event.id);
            deliveries.set(event.data.probeId, seen);
            if (seen.attempts <= event.data.failTimes) throw new Error(`probe failing on purpose (attempt ${seen.attempts})`);
            seen.delivered = true;
          },
        }),
      ],
    };
  },
});
stopOnSignals(service);

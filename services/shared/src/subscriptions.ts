import type { Express, Request, Response } from 'express';
import { z } from 'zod';
import { contextFromTraceparent, runWithContext } from './context.js';
import { TRACEPARENT_HEADER } from './contracts/identity.js';
import { subscriptionRouteOf } from './contracts/asyncapi.js';
import { DEAD_LETTER_TOPIC, type EventContract, type EventPayload } from './contracts/events.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

/**
 * Dapr programmatic subscriptions on plain Express. Unlike the SDK's DaprServer (which
 * acknowledges a message whose handler threw, and strips the CloudEvent id), a handler
 * error here answers RETRY, and only input that can never succeed is DROPped — counted
 * and logged, never silently.
 */
export { DEAD_LETTER_TOPIC };

export interface DeliveredEvent<T> {
  /** CloudEvent id: the idempotency key. */
  id: string;
  type: string;
  source: string;
  topic: string;
  data: T;
}

export interface Subscription<T = unknown> {
  pubsub: string;
  topic: string;
  /** Path Dapr posts to, e.g. `/events/user-deleted`. */
  route: string;
  schema: z.ZodType<T>;
  /**
   * Where Dapr puts a message once its delivery retries are exhausted (default
   * `dead-letters`, which the batch service records); `null` for the dead-letter
   * subscription itself.
   */
  deadLetterTopic?: string | null;
  handle(event: DeliveredEvent<T>): Promise<void>;
}

export function subscription<T>(spec: Subscription<T>): Subscription {
  return spec as unknown as Subscription;
}

/**
 * A subscription to a contracted event: topic, component and payload schema come from the
 * contract (services/shared/src/contracts/events.ts), the route is `/events/<topic>`.
 */
export function eventSubscription<C extends EventContract>(
  contract: C,
  spec: Pick<Subscription<EventPayload<C>>, 'handle'> & Partial<Pick<Subscription<EventPayload<C>>, 'route' | 'deadLetterTopic'>>,
): Subscription {
  return subscription<EventPayload<C>>({
    pubsub: contract.pubsub,
    topic: contract.topic,
    route: spec.route ?? subscriptionRouteOf(contract.topic),
    schema: contract.schema as z.ZodType<EventPayload<C>>,
    ...(spec.deadLetterTopic !== undefined ? { deadLetterTopic: spec.deadLetterTopic } : {}),
    handle: spec.handle,
  });
}

const cloudEventSchema = z.object({
  id: z.string(),
  type: z.string().default(''),
  source: z.string().default(''),
  topic: z.string().default(''),
  traceparent: z.string().optional(),
  data: z.unknown(),
});

export function mountSubscriptions(app: Express, subscriptions: Subscription[], logger: Logger, metrics: Metrics): void {
  const outcomes = metrics.counter('pubsub_messages_total', 'Messages delivered by Dapr, by topic and outcome', ['topic', 'outcome']);

  app.get('/dapr/subscribe', (_req, res) => {
    res.json(
      subscriptions.map((s) => ({
        pubsubname: s.pubsub,
        topic: s.topic,
        route: s.route,
        ...(s.deadLetterTopic === null ? {} : { deadLetterTopic: s.deadLetterTopic ?? DEAD_LETTER_TOPIC }),
      })),
    );
  });

  for (const spec of subscriptions) {
    app.post(spec.route, async (req: Request, res: Response) => {
      const envelope = cloudEventSchema.safeParse(req.body);
      const data = envelope.success ? spec.schema.safeParse(envelope.data.data) : undefined;
      if (!envelope.success || !data?.success) {
        outcomes.inc({ topic: spec.topic, outcome: 'dropped' });
        logger.error('dropping malformed event', {
          topic: spec.topic,
          eventId: envelope.success ? envelope.data.id : undefined,
          issues: (envelope.success ? data?.error : envelope.error)?.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
        });
        res.json({ status: 'DROP' });
        return;
      }
      const event = envelope.data;
      const context = contextFromTraceparent(event.traceparent);
      await runWithContext(context, async () => {
        try {
          await spec.handle({ id: event.id, type: event.type, source: event.source, topic: event.topic, data: data.data });
          outcomes.inc({ topic: spec.topic, outcome: 'success' });
          res.json({ status: 'SUCCESS' });
        } catch (error) {
          outcomes.inc({ topic: spec.topic, outcome: 'retry' });
          logger.warn('event handler failed; asking Dapr to redeliver', { topic: spec.topic, eventId: event.id, error });
          res.json({ status: 'RETRY' });
        }
      });
    });
  }
}

/**
 * An input binding (e.g. cron): Dapr posts to `/<name>`; 200 acknowledges, so we answer
 * only after the work is recorded, and 500 when it failed.
 */
export function mountInputBinding(app: Express, name: string, handle: () => Promise<void>, logger: Logger): void {
  app.options(`/${name}`, (_req, res) => {
    res.status(200).end();
  });
  app.post(`/${name}`, async (req: Request, res: Response) => {
    const context = contextFromTraceparent(req.header(TRACEPARENT_HEADER) ?? undefined);
    await runWithContext(context, async () => {
      try {
        await handle();
        res.status(200).json({ status: 'done' });
      } catch (error) {
        logger.error('input binding handler failed', { binding: name, error });
        res.status(500).json({ status: 'failed' });
      }
    });
  });
}

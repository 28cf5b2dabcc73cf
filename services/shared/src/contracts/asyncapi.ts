import { DEAD_LETTER_TOPIC, type AppId, type EventContract, type EventPubsub } from './events.js';
import { ASYNCAPI_SCHEMA_FORMAT, eventJsonSchema, schemaFileOf } from './json-schema.js';

/**
 * The AsyncAPI 3.0 document of every event (pure; `contracts/scripts/generate.mjs` writes it to
 * `contracts/asyncapi.json`). Servers are the Dapr pub/sub components as an app reaches them,
 * through its own sidecar; channels are the topics; each message is one contract version with its
 * payload's JSON Schema, the CloudEvent attributes Dapr wraps it in, and its examples; operations
 * say which app sends and which apps receive (and on which route Dapr delivers to them).
 */

const COMPONENT_DESCRIPTIONS: Record<EventPubsub, string> = {
  events:
    'Domain events between the services. Redis Streams locally, Azure Service Bus topics in production (components/local/events.yaml, ' +
    'components/azure/events.yaml); the broker is chosen by component YAML, never by code. At-least-once delivery: consumers dedupe on the ' +
    'CloudEvent id. A message whose handler keeps failing goes to the `dead-letters` topic after the retries.',
  'usage-stream':
    'High-volume telemetry. Redis Streams locally, Azure Event Hubs in production (components/*/usage-stream.yaml). Partitioned by the ' +
    '`partitionKey` metadata the producer sets.',
};

/** `healthsync.goal.mission-completed` → `MissionCompleted`. */
function messageBaseName(contract: Pick<EventContract, 'name'>): string {
  const last = contract.name.split('.').at(-1)!;
  return last
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

export const messageNameOf = (contract: Pick<EventContract, 'name' | 'version'>) => `${messageBaseName(contract)}V${contract.version}`;

/** The route Dapr posts a topic's events to in our apps (`/events/<topic>`). */
export const subscriptionRouteOf = (topic: string) => `/events/${topic}`;

function cloudEventHeaders(
  contract: Pick<EventContract, 'type' | 'producer' | 'republishers' | 'topic' | 'pubsub'> | undefined,
  topic: string,
  pubsub: string,
) {
  return {
    type: 'object',
    description:
      'The CloudEvent 1.0 attributes Dapr wraps the payload in. Delivered in structured mode (`application/cloudevents+json`): these are the ' +
      'top-level fields of the delivered JSON and the payload is its `data`.',
    required: ['specversion', 'id', 'type', 'source', 'datacontenttype', 'topic', 'pubsubname'],
    properties: {
      specversion: { const: '1.0' },
      id: {
        type: 'string',
        description: contract ? 'The payload’s `eventId`: the same on every redelivery, so consumers dedupe on it' : 'The original event’s id',
      },
      type: contract
        ? { const: contract.type, description: 'The event name and its contract version' }
        : { type: 'string', description: 'The original event’s type' },
      source: !contract
        ? { type: 'string' }
        : contract.republishers?.length
          ? { enum: [contract.producer, ...contract.republishers], description: 'The Dapr app id of the producer (or of the app that published it again)' }
          : { const: contract.producer, description: 'The Dapr app id of the producer' },
      datacontenttype: { const: 'application/json' },
      topic: { const: topic },
      pubsubname: { const: pubsub },
      traceparent: { type: 'string', description: 'W3C trace context of the change that published the event' },
      time: { type: 'string', format: 'date-time' },
    },
  };
}

function exampleHeaders(contract: EventContract, eventId: string) {
  return {
    specversion: '1.0',
    id: eventId,
    type: contract.type,
    source: contract.producer,
    datacontenttype: 'application/json',
    topic: contract.topic,
    pubsubname: contract.pubsub,
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  };
}

export interface AsyncApiOptions {
  version: string;
  contracts: readonly EventContract[];
  /** Apps that receive dead-lettered events (the batch service records them). */
  deadLetterConsumers: AppId[];
}

export function asyncApiDocument(options: AsyncApiOptions): Record<string, unknown> {
  const { contracts } = options;
  const servers: Record<string, unknown> = {};
  const channels: Record<string, Record<string, unknown>> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};

  for (const pubsub of [...new Set(contracts.map((c) => c.pubsub))]) {
    servers[pubsub] = {
      host: '127.0.0.1:{daprHttpPort}',
      pathname: `/v1.0/publish/${pubsub}`,
      protocol: 'http',
      title: `Dapr pub/sub component \`${pubsub}\``,
      summary: 'Reached through the app’s own Dapr sidecar',
      description:
        `${COMPONENT_DESCRIPTIONS[pubsub]}\n\nPublish: \`POST /v1.0/publish/${pubsub}/<topic>?metadata.cloudevent.id=<eventId>&metadata.cloudevent.type=<type>\` ` +
        'on the sidecar with the payload as a JSON body (and `dapr-api-token`). Subscribe: answer `GET /dapr/subscribe` with the topics and ' +
        'routes; Dapr posts each event to the route, and the answer `{"status":"SUCCESS"}` acknowledges it, `RETRY` asks for redelivery, ' +
        '`DROP` discards an event that can never be processed.',
      variables: { daprHttpPort: { default: '3500', description: 'The HTTP port of the app’s sidecar (DAPR_HTTP_PORT)' } },
    };
  }

  for (const contract of contracts) {
    const name = messageNameOf(contract);
    messages[name] = {
      name: contract.type,
      title: `${messageBaseName(contract)} v${contract.version}`,
      summary: contract.summary,
      description: `${contract.description}\n\nJSON Schema of the payload: \`${schemaFileOf(contract)}\`.`,
      contentType: 'application/json',
      headers: cloudEventHeaders(contract, contract.topic, contract.pubsub),
      payload: { schemaFormat: ASYNCAPI_SCHEMA_FORMAT, schema: eventJsonSchema(contract) },
      ...(contract.partitionKey ? { 'x-dapr-publish-metadata': { partitionKey: contract.partitionKey } } : {}),
      examples: contract.examples.map((example) => {
        const payload = example.payload as { eventId: string };
        return { name: example.name, summary: example.summary, headers: exampleHeaders(contract, payload.eventId), payload };
      }),
    };
    channels[contract.topic] = {
      address: contract.topic,
      title: contract.topic,
      summary: contract.summary,
      description: `Topic \`${contract.topic}\` of the pub/sub component \`${contract.pubsub}\`. One event per topic: \`${contract.type}\`.`,
      servers: [{ $ref: `#/servers/${contract.pubsub}` }],
      messages: { [name]: { $ref: `#/components/messages/${name}` } },
    };
    const messageRef = [{ $ref: `#/channels/${contract.topic}/messages/${name}` }];
    operations[`${contract.producer}.send.${contract.topic}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${contract.topic}` },
      title: `${contract.producer} publishes ${contract.topic}`,
      summary: contract.pubsub === 'events' ? 'Through its transactional outbox: written with the change, relayed in order' : 'Fire-and-forget',
      messages: messageRef,
      'x-dapr-app-id': contract.producer,
    };
    for (const republisher of contract.republishers ?? []) {
      operations[`${republisher}.send.${contract.topic}`] = {
        action: 'send',
        channel: { $ref: `#/channels/${contract.topic}` },
        title: `${republisher} publishes ${contract.topic} again`,
        summary: 'Only to publish a dead-lettered event again (see the message description); through its transactional outbox',
        messages: messageRef,
        'x-dapr-app-id': republisher,
      };
    }
    for (const consumer of contract.consumers) {
      operations[`${consumer}.receive.${contract.topic}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${contract.topic}` },
        title: `${consumer} consumes ${contract.topic}`,
        messages: messageRef,
        'x-dapr-app-id': consumer,
        'x-dapr-route': subscriptionRouteOf(contract.topic),
      };
    }
  }

  // The dead-letter topic carries any event of `events` whose deliveries were exhausted, as published.
  const deadLetterExample = contracts.find((c) => c.pubsub === 'events' && c.consumers.length > 0);
  messages.DeadLetter = {
    name: 'dead-letter',
    title: 'Dead-lettered event',
    summary: 'An event whose deliveries were exhausted, exactly as it was published',
    description: 'Its CloudEvent attributes and data are the original event’s; the batch service records each one once (by id) for operators.',
    contentType: 'application/json',
    headers: cloudEventHeaders(undefined, DEAD_LETTER_TOPIC, 'events'),
    payload: {
      schemaFormat: ASYNCAPI_SCHEMA_FORMAT,
      schema: { description: 'The original event’s data (any of the payloads of the `events` component, or none of them)' },
    },
    examples: deadLetterExample
      ? deadLetterExample.examples.slice(0, 1).map((example) => {
          const payload = example.payload as { eventId: string };
          return {
            name: `dead-${example.name}`,
            summary: `A ${deadLetterExample.topic} event nobody could process`,
            headers: { ...exampleHeaders(deadLetterExample, payload.eventId), topic: DEAD_LETTER_TOPIC },
            payload,
          };
        })
      : [],
  };
  channels[DEAD_LETTER_TOPIC] = {
    address: DEAD_LETTER_TOPIC,
    title: DEAD_LETTER_TOPIC,
    summary: 'Events of the `events` component whose deliveries were exhausted',
    description: 'Every subscription of the `events` component names this topic as its dead-letter topic (Dapr `deadLetterTopic`).',
    servers: [{ $ref: '#/servers/events' }],
    messages: { DeadLetter: { $ref: '#/components/messages/DeadLetter' } },
  };
  for (const consumer of options.deadLetterConsumers) {
    operations[`${consumer}.receive.${DEAD_LETTER_TOPIC}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${DEAD_LETTER_TOPIC}` },
      title: `${consumer} records dead letters`,
      messages: [{ $ref: `#/channels/${DEAD_LETTER_TOPIC}/messages/DeadLetter` }],
      'x-dapr-app-id': consumer,
      'x-dapr-route': subscriptionRouteOf(DEAD_LETTER_TOPIC),
    };
  }

  return {
    asyncapi: '3.0.0',
    id: 'urn:healthsync:events',
    info: {
      title: 'HealthSync events',
      version: options.version,
      description: [
        'Every event that crosses a process in HealthSync, generated from the contracts in `services/shared/src/contracts` ' +
          '(`node contracts/scripts/generate.mjs`; `npm test` fails when this document is stale).',
        '',
        'Events travel on Dapr pub/sub components and reach every app through its own sidecar, as CloudEvents 1.0 whose `type` is the ' +
          'event name and its contract version (`healthsync.<producer>.<event>.v<version>`). The payload of each type has a standalone ' +
          'JSON Schema (draft-07) in `contracts/schemas/<type>.json`, for validators in any language.',
        '',
        'Versioning: a new version is needed for any change that could break a consumer — a field removed, renamed, made required or ' +
          'optional, or its type, format, bounds or values changed. Only new optional fields and new descriptions keep the version.',
      ].join('\n'),
    },
    defaultContentType: 'application/json',
    servers,
    channels,
    operations,
    components: { messages },
  };
}

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { Ajv as AjvClass, ValidateFunction } from 'ajv';
import { allEventContracts, CLOUDEVENT_TYPE_METADATA, contractOfTopic, type AppId, type EventContract } from '../contracts/events.js';
import { schemaFileOf } from '../contracts/json-schema.js';
import type { PublishedEvent } from './dapr-double.js';

/**
 * Contract tests against the committed documents in `contracts/` (what a service in another
 * language reads), not against the TypeScript declarations they were made from:
 * - a producer's component tests hand `producedEventIssues` what the real handlers published
 *   through the Dapr double;
 * - a consumer's component tests deliver every example of `contracts/asyncapi.json` that the
 *   document says it receives (`documentedExamples`).
 */

/** The repository's `contracts/` folder (found upwards from this file). */
export function contractsDir(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'contracts', 'asyncapi.json');
    if (fs.existsSync(candidate)) return path.dirname(candidate);
    if (path.dirname(dir) === dir) throw new Error('contracts/asyncapi.json not found above this package: run node contracts/scripts/generate.mjs');
  }
}

const require = createRequire(import.meta.url);
let ajv: AjvClass | undefined;
const validators = new Map<string, ValidateFunction>();

/** A validator of the committed JSON Schema file of a contract (draft-07, with formats). */
export function committedSchemaValidator(contract: Pick<EventContract, 'type'>): ValidateFunction {
  let validate = validators.get(contract.type);
  if (!validate) {
    if (!ajv) {
      const { Ajv } = require('ajv') as typeof import('ajv');
      ajv = new Ajv({ allErrors: true, strict: false });
      (require('ajv-formats') as { default: (instance: AjvClass) => void }).default(ajv);
    }
    const file = path.join(path.dirname(contractsDir()), schemaFileOf(contract));
    validate = ajv.compile(JSON.parse(fs.readFileSync(file, 'utf8')) as object);
    validators.set(contract.type, validate);
  }
  return validate;
}

export interface ProducedEvents {
  /** What is wrong, one line per problem; empty when every event keeps its contract. */
  issues: string[];
  /** How many events of each CloudEvent type were checked. */
  types: Record<string, number>;
}

/**
 * Checks what a producer published (the Dapr double's record): each event on a contracted topic
 * of this producer, with the contract's CloudEvent type and the payload's `eventId` as id, valid
 * against the committed JSON Schema, and carrying no field the contract does not name.
 */
export function producedEventIssues(published: readonly PublishedEvent[], producer: AppId): ProducedEvents {
  const issues: string[] = [];
  const types: Record<string, number> = {};
  published.forEach((event, index) => {
    const at = `event ${index + 1} (${event.pubsub}/${event.topic})`;
    const contract = contractOfTopic(event.pubsub, event.topic);
    if (!contract) {
      issues.push(`${at}: no contract for this topic`);
      return;
    }
    if (contract.producer !== producer && !(contract.republishers ?? []).includes(producer))
      issues.push(`${at}: the contract names ${contract.producer} as its producer`);
    const type = event.options.metadata?.[CLOUDEVENT_TYPE_METADATA];
    if (type !== contract.type) issues.push(`${at}: CloudEvent type ${String(type)} instead of ${contract.type}`);
    const data = event.data as { eventId?: unknown };
    if (event.options.id === undefined || event.options.id !== data.eventId)
      issues.push(`${at}: CloudEvent id ${String(event.options.id)} is not the payload's eventId`);
    const validate = committedSchemaValidator(contract);
    if (!validate(event.data))
      issues.push(`${at}: rejected by ${schemaFileOf(contract)}: ${(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')}`);
    const parsed = contract.schema.safeParse(event.data);
    if (parsed.success && !isDeepStrictEqual(parsed.data, event.data)) issues.push(`${at}: carries fields ${contract.type} does not name`);
    types[contract.type] = (types[contract.type] ?? 0) + 1;
  });
  return { issues, types };
}

export interface DocumentedExample {
  operation: string;
  topic: string;
  pubsub: string;
  /** Where Dapr delivers it in the consuming app. */
  route: string;
  /** The CloudEvent type (the original's, for a dead letter). */
  type: string;
  name: string;
  payload: Record<string, unknown>;
}

interface AsyncApiDocument {
  operations: Record<string, { action: string; channel: { $ref: string }; messages: { $ref: string }[]; 'x-dapr-app-id': string; 'x-dapr-route'?: string }>;
  channels: Record<string, { address: string; servers: { $ref: string }[]; messages: Record<string, { $ref: string }> }>;
  components: { messages: Record<string, { examples?: { name: string; headers: { type: string }; payload: Record<string, unknown> }[] }> };
}

/** Every example of every message the committed AsyncAPI document says `app` receives, in document order. */
export function documentedExamples(app: AppId): DocumentedExample[] {
  const document = JSON.parse(fs.readFileSync(path.join(contractsDir(), 'asyncapi.json'), 'utf8')) as AsyncApiDocument;
  const resolve = <T>(ref: string): T =>
    ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], document) as T;
  const examples: DocumentedExample[] = [];
  for (const [operation, spec] of Object.entries(document.operations)) {
    if (spec.action !== 'receive' || spec['x-dapr-app-id'] !== app) continue;
    const channel = resolve<AsyncApiDocument['channels'][string]>(spec.channel.$ref);
    for (const messageRef of spec.messages) {
      const message = resolve<{ $ref: string }>(messageRef.$ref);
      const resolved = resolve<AsyncApiDocument['components']['messages'][string]>(message.$ref);
      for (const example of resolved.examples ?? []) {
        examples.push({
          operation,
          topic: channel.address,
          pubsub: channel.servers[0]!.$ref.split('/').at(-1)!,
          route: spec['x-dapr-route'] ?? `/events/${channel.address}`,
          type: example.headers.type,
          name: example.name,
          payload: example.payload,
        });
      }
    }
  }
  return examples;
}

/** The topics the committed AsyncAPI document says `app` receives (to compare with what it subscribes to). */
export function documentedSubscriptions(app: AppId): string[] {
  const document = JSON.parse(fs.readFileSync(path.join(contractsDir(), 'asyncapi.json'), 'utf8')) as AsyncApiDocument;
  return Object.values(document.operations)
    .filter((op) => op.action === 'receive' && op['x-dapr-app-id'] === app)
    .map((op) => document.channels[op.channel.$ref.split('/').at(-1)!]!.address)
    .sort();
}

/** The parts of a running component the contract checks use. */
interface ContractComponent {
  dapr: { published: PublishedEvent[] };
  db: { query<R>(sql: string): Promise<{ rows: R[] }> };
  request(pathAndQuery: string, options?: RequestInit): Promise<Response>;
  deliver(route: string, topic: string, data: unknown, id?: string, envelope?: { type?: string; pubsub?: string }): Promise<Response>;
}

/**
 * Producer side: waits until the service's outbox (when it has one) has relayed everything but
 * the rows a test had parked, then
 * checks every event the real handlers published through the Dapr double against the committed
 * contracts, and that each event type the service produces was published at least once (so the
 * check cannot pass on nothing). Returns the count per type.
 */
export async function expectProducedEventsKeepContracts(
  component: ContractComponent,
  producer: AppId,
  options: { outbox: boolean },
): Promise<Record<string, number>> {
  if (options.outbox) {
    for (let waited = 0; ; waited += 50) {
      const { rows } = await component.db.query<{ n: number }>('select count(*)::int as n from outbox where published_at is null and parked_at is null');
      if (rows[0]!.n === 0) break;
      if (waited > 10_000) throw new Error(`${rows[0]!.n} outbox events were still not relayed after 10 s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const { issues, types } = producedEventIssues(component.dapr.published, producer);
  if (issues.length > 0) throw new Error(`${producer} published events that break their contracts:\n${issues.join('\n')}`);
  const expected = allEventContracts.filter((c) => c.producer === producer).map((c) => c.type);
  const missing = expected.filter((type) => !types[type]);
  if (missing.length > 0) throw new Error(`${producer} published no ${missing.join(', ')} in these tests: the contract check needs real events of each type`);
  return types;
}

/**
 * Consumer side: the service subscribes to exactly the topics the committed AsyncAPI document
 * says it receives (on the documented routes), and answers SUCCESS to every documented example,
 * delivered as its sidecar would deliver them.
 */
export async function expectDocumentedExamplesAccepted(component: ContractComponent, consumer: AppId): Promise<number> {
  const subscribed = (await (await component.request('/dapr/subscribe')).json()) as { topic: string; route: string; pubsubname: string }[];
  const documented = documentedExamples(consumer);
  const expectedTopics = documentedSubscriptions(consumer);
  const actualTopics = subscribed.map((s) => s.topic).sort();
  if (JSON.stringify(actualTopics) !== JSON.stringify(expectedTopics)) {
    throw new Error(`${consumer} subscribes to ${actualTopics.join(', ')} but the AsyncAPI document says ${expectedTopics.join(', ')}`);
  }
  // In the story's order (the examples follow one user), so an erasure comes after what it erases.
  const inStoryOrder = [...documented].sort((a, b) => String(a.payload.occurredAt ?? '').localeCompare(String(b.payload.occurredAt ?? '')));
  for (const example of inStoryOrder) {
    const subscription = subscribed.find((s) => s.topic === example.topic)!;
    if (subscription.route !== example.route || subscription.pubsubname !== example.pubsub) {
      throw new Error(
        `${consumer} takes ${example.topic} on ${subscription.pubsubname} ${subscription.route}, the document says ${example.pubsub} ${example.route}`,
      );
    }
    const response = await component.deliver(example.route, example.topic, example.payload, String(example.payload.eventId), {
      type: example.type,
      pubsub: example.pubsub,
    });
    const answer = (await response.json()) as { status?: string };
    if (response.status !== 200 || answer.status !== 'SUCCESS') {
      throw new Error(`${consumer} answered ${response.status} ${JSON.stringify(answer)} to the example ${example.name} of ${example.operation}`);
    }
  }
  return documented.length;
}

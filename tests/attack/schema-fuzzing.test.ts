import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { recordFigures } from '../support/attack.js';
import { gatewayUrl, repoRoot } from '../support/system.js';
import { activeUser, validProfile } from '../support/users.js';

/**
 * Schema fuzzing of the public API with schemathesis (installed by set-up into .tools/python):
 * requests generated from /api/openapi.json with real access tokens. Every answer must be
 * one the document promises (status, content type, body schema) and none may be a 5xx.
 *
 * Left out of the run, each covered by the end-to-end tests instead: account deletion and
 * logout (they would end the fuzzer's own sessions) and the sign-in exchange (it needs a
 * real Google credential, which no generator can produce).
 */
const EXCLUDED_OPERATIONS = ['deleteMyAccount', 'logout', 'signInWithGoogle'];
/** The gateway allows each user 300 requests a minute; the run stays just under that per token. */
const PER_TOKEN_PER_MINUTE = 280;
/** Signed-in users whose tokens the requests take in turn (each has its own rate-limit bucket). */
const FUZZ_USERS = 8;
const MIN_REQUESTS = 2000;

describe('schema fuzzing against the public document', () => {
  const tokens: string[] = [];
  before(async () => {
    for (let i = 0; i < FUZZ_USERS; i += 1) tokens.push((await activeUser(`fuzz-${i}`, validProfile)).accessToken);
  });

  test(`at least ${MIN_REQUESTS} generated requests: 0 server errors, 0 answers that contradict the document`, () => {
    const reportDir = path.join(repoRoot, '.data', 'attack', 'schemathesis');
    fs.rmSync(reportDir, { recursive: true, force: true });
    const st = path.join(repoRoot, '.tools', 'python', 'bin', 'st');
    const args = [
      'run',
      `${gatewayUrl}/api/openapi.json`,
      '--checks',
      'not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance',
      '--phases',
      'examples,coverage,fuzzing',
      '--max-examples',
      process.env.HS_FUZZ_MAX_EXAMPLES ?? '120',
      '--seed',
      process.env.HS_FUZZ_SEED ?? '20261202',
      '--workers',
      '2',
      '--continue-on-failure',
      '--suppress-health-check',
      'all',
      '--report',
      'har',
      '--report-dir',
      reportDir,
      '--rate-limit',
      `${PER_TOKEN_PER_MINUTE * tokens.length}/m`,
      // By operation id: separate --exclude-method and --exclude-path options would each
      // exclude on their own (every DELETE, every operation on the path).
      ...EXCLUDED_OPERATIONS.flatMap((id) => ['--exclude-operation-id', id]),
    ];
    console.log(`$ ${path.relative(repoRoot, st)} ${args.join(' ')}`);
    const result = spawnSync(st, args, {
      cwd: repoRoot,
      encoding: 'utf8',
      env: {
        ...process.env,
        SCHEMATHESIS_HOOKS: 'fuzz_hooks',
        PYTHONPATH: path.join(repoRoot, 'tests', 'attack'),
        HS_FUZZ_TOKENS: tokens.join(','),
        NO_COLOR: '1',
      },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 15 * 60_000,
    });
    const output = `${result.stdout}\n${result.stderr}`;
    // Schemathesis names the report har-<time>.json.
    const har = fs.existsSync(reportDir) ? fs.readdirSync(reportDir).find((f) => f.startsWith('har') || f.endsWith('.har')) : undefined;
    const entries = har
      ? (JSON.parse(fs.readFileSync(path.join(reportDir, har), 'utf8')) as { log: { entries: { response: { status: number } }[] } }).log.entries
      : [];
    const serverErrors = entries.filter((e) => e.response.status >= 500).length;
    const failures = /(\d+) failures?/.exec(output)?.[1] ?? (result.status === 0 ? '0' : 'unknown');
    recordFigures('schema-fuzzing', { requests: entries.length, serverErrors, findings: failures, exit: String(result.status) });
    if (result.status !== 0) console.log(output.slice(-20_000));
    assert.equal(result.status, 0, 'schemathesis found answers that contradict the document (output above)');
    assert.equal(serverErrors, 0);
    assert.ok(entries.length >= MIN_REQUESTS, `${entries.length} requests sent; at least ${MIN_REQUESTS} expected`);
  });
});

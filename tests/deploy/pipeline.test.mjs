// The Release stage of azure-pipelines.yml, run: its bash steps are taken from the YAML, the
// pipeline variables substituted as Azure Pipelines does with $(NAME) macros, and run against
// a real Git remote (for the GitOps commit and the rollback) and a scripted cluster (fake
// kubectl, az, kubelogin, curl and sleep on PATH) that plays Flux and Flagger.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { readYamlFile, root } from './lib.mjs';

const [pipeline] = readYamlFile(path.join(root, 'azure-pipelines.yml'));
const release = pipeline.stages.find((s) => s.stage === 'Release').jobs[0];
const steps = release.strategy.runOnce.deploy.steps;
// YAML 1.1 readers (PyYAML) read the key `on` as the boolean true; Azure Pipelines reads "on".
const hooks = release.strategy.runOnce.on ?? release.strategy.runOnce.true;
const updateScript = steps.find((s) => /GitOps/.test(s.displayName ?? '')).script;
const watchScript = steps.find((s) => /Watch the rollout/.test(s.displayName ?? '')).inputs.inlineScript;
const rollbackScript = hooks.failure.steps.find((s) => /git revert/.test(s.script ?? '')).script;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'healthsync-pipeline-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

/** Azure Pipelines' macro syntax: $(NAME) replaced before the script runs. */
function macros(script, variables) {
  return script.replace(/\$\(([A-Za-z_][A-Za-z0-9_.]*)\)/g, (whole, name) => (name in variables ? variables[name] : whole));
}

function bash(script, cwd, env = {}) {
  const result = spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0', ...env } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function git(cwd, ...args) {
  const result = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
  assert.equal(result.status, 0, `git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

/** A remote with the GitOps file, the build's commit, and a later commit someone else pushed to main. */
function gitopsRemote(name) {
  const dir = path.join(work, name);
  const origin = path.join(dir, 'origin.git');
  fs.mkdirSync(dir, { recursive: true });
  git(dir, 'init', '--bare', '--quiet', origin);
  const seed = path.join(dir, 'seed');
  git(dir, 'clone', '--quiet', origin, seed);
  const file = path.join(seed, 'deploy', 'flux', 'clusters', 'prod', 'release-values.yaml');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.copyFileSync(path.join(root, 'deploy', 'flux', 'clusters', 'prod', 'release-values.yaml'), file);
  git(seed, 'add', '.');
  git(seed, 'commit', '--quiet', '-m', 'the built commit');
  const built = git(seed, 'rev-parse', 'HEAD');
  git(seed, 'push', '--quiet', 'origin', 'HEAD:main');
  fs.writeFileSync(path.join(seed, 'README.md'), 'merged while the pipeline ran\n');
  git(seed, 'add', '.');
  git(seed, 'commit', '--quiet', '-m', 'another change on main');
  const later = git(seed, 'rev-parse', 'HEAD');
  git(seed, 'push', '--quiet', 'origin', 'HEAD:main');
  // The deployment job's checkout: the built commit, detached.
  const agent = path.join(dir, 'agent');
  git(dir, 'clone', '--quiet', origin, agent);
  git(agent, 'checkout', '--quiet', '--detach', built);
  return { origin, agent, built, later };
}

test('when the release commits the image tag from the detached checkout while main has moved, then it lands on top of main with the new tag', () => {
  const { origin, agent, built, later } = gitopsRemote('update');
  const run = bash(macros(updateScript, { IMAGE_TAG: built }), agent);
  assert.equal(run.status, 0, run.output);
  const head = git(origin, 'rev-parse', 'main');
  assert.equal(git(origin, 'rev-parse', 'main~1'), later, 'the change merged meanwhile is kept');
  assert.match(git(origin, 'show', 'main:deploy/flux/clusters/prod/release-values.yaml'), new RegExp(`^ {6}tag: "${built}"$`, 'm'));
  assert.match(run.output, new RegExp(`##vso\\[task\\.setvariable variable=GITOPS_COMMIT\\]${head}`), 'the pushed commit is handed to the watch step');
});

test('when the release fails, then the rollback reverts the GitOps commit on top of main from the detached checkout', () => {
  const { origin, agent, built } = gitopsRemote('rollback');
  assert.equal(bash(macros(updateScript, { IMAGE_TAG: built }), agent).status, 0);
  const fresh = path.join(work, 'rollback', 'agent2');
  git(work, 'clone', '--quiet', origin, fresh);
  git(fresh, 'checkout', '--quiet', '--detach', built);
  const run = bash(macros(rollbackScript, { IMAGE_TAG: built }), fresh);
  assert.equal(run.status, 0, run.output);
  assert.match(git(origin, 'log', '-1', '--format=%s', 'main'), /^Revert "Release /);
  assert.doesNotMatch(git(origin, 'show', 'main:deploy/flux/clusters/prod/release-values.yaml'), new RegExp(built));
});

/**
 * A scripted cluster: `kubectl` answers from a timeline (one entry per call of each kind),
 * repeating the last entry; `sleep` returns at once. Calls are logged.
 */
function cluster(name, timeline) {
  const bin = path.join(work, name, 'bin');
  fs.mkdirSync(bin, { recursive: true });
  const state = path.join(work, name, 'state.json');
  fs.writeFileSync(state, JSON.stringify({ timeline, calls: {} }));
  fs.writeFileSync(
    path.join(bin, 'kubectl'),
    `#!${process.execPath}
const fs = require('node:fs');
const state = JSON.parse(fs.readFileSync(${JSON.stringify(state)}, 'utf8'));
const args = process.argv.slice(2).join(' ');
const kind = args.includes('wait') ? 'wait' : args.includes('helmrelease') ? 'revision' : args.includes('canary') ? 'phase' : args.includes('gateway-primary') ? 'image' : 'other';
const n = state.calls[kind] = (state.calls[kind] ?? 0) + 1;
fs.writeFileSync(${JSON.stringify(state)}, JSON.stringify(state));
const answers = state.timeline[kind] ?? [''];
process.stdout.write(String(answers[Math.min(n, answers.length) - 1]));
`,
    { mode: 0o755 },
  );
  for (const tool of ['az', 'kubelogin', 'curl', 'sleep']) fs.writeFileSync(path.join(bin, tool), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  return { env: { PATH: `${bin}:${process.env.PATH}` }, calls: () => JSON.parse(fs.readFileSync(state, 'utf8')).calls };
}

const commit = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const previous = '0123456789abcdef0123456789abcdef01234567';
const watch = (vars = {}) =>
  macros(watchScript, { GITOPS_COMMIT: commit, IMAGE_TAG: commit, AKS_RESOURCE_GROUP: 'rg', AKS_NAME: 'aks', API_HOST: 'api.example.com', ...vars });
const chartVersion = (sha) => `0.1.0+${sha.slice(0, 12)}`;

test("when Flux applies the release commit, then the watch recognises Flux's 12-character chart revision at once instead of waiting out its 15 minutes", () => {
  const { env, calls } = cluster('revision', {
    revision: [chartVersion(previous), chartVersion(previous), chartVersion(commit)],
    phase: ['Progressing', 'Succeeded'],
    image: [`cr.example/healthsync/gateway:${commit}`],
  });
  const run = bash(watch(), work, env);
  assert.equal(run.status, 0, run.output);
  assert.equal(calls().revision, 3, 'polled until Flux showed this commit, then went on');
});

test('when Flux never applies the release commit, then the watch fails instead of carrying on', () => {
  const { env } = cluster('never', { revision: [chartVersion(previous)], phase: ['Succeeded'], image: [`cr.example/healthsync/gateway:${previous}`] });
  const run = bash(watch(), work, env);
  assert.notEqual(run.status, 0, 'a release Flux never applied is not a success');
});

test('when the new canary fails after the previous release had been promoted, then the watch fails (it does not read the old Promoted state)', () => {
  const { env } = cluster('failed-canary', {
    revision: [chartVersion(commit)],
    // The previous release's state first: Succeeded and promoted, with the old image.
    phase: ['Succeeded', 'Progressing', 'Progressing', 'Failed'],
    image: [`cr.example/healthsync/gateway:${previous}`],
  });
  const run = bash(watch(), work, env);
  assert.notEqual(run.status, 0, `the failed canary must fail the stage:\n${run.output}`);
});

test('when the new canary is promoted, then the watch succeeds only once the primary runs the new image', () => {
  const { env, calls } = cluster('promoted', {
    revision: [chartVersion(commit)],
    phase: ['Succeeded', 'Progressing', 'Promoting', 'Succeeded'],
    image: [
      `cr.example/healthsync/gateway:${previous}`,
      `cr.example/healthsync/gateway:${previous}`,
      `cr.example/healthsync/gateway:${previous}`,
      `cr.example/healthsync/gateway:${commit}`,
    ],
  });
  const run = bash(watch(), work, env);
  assert.equal(run.status, 0, run.output);
  assert.ok(calls().phase >= 4, 'the old Succeeded phase was not taken for this release');
});

// Build and delivery files: the shared Dockerfile, azure-pipelines.yml and the Flux
// manifests. Nothing here builds an image or talks to Azure (neither is possible offline);
// the checks hold the files to what the pipeline and Flux rely on.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { APPS, listFiles, readYamlFile, root } from './lib.mjs';

const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
const instructions = dockerfile.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));

test('when the Dockerfile is read, then it is a multi-stage build whose images run as a non-root user', () => {
  const stages = instructions.filter((l) => /^FROM /i.test(l));
  assert.ok(stages.length >= 3, 'several stages: dependencies, build, runtime');
  for (const target of ['service', 'migrations']) {
    const start = dockerfile.indexOf(`AS ${target}\n`);
    assert.ok(start > 0, `stage ${target}`);
    const next = dockerfile.indexOf('\nFROM ', start);
    const body = dockerfile.slice(start, next === -1 ? undefined : next);
    const user = /^USER\s+(\S+)/m.exec(body)?.[1];
    assert.ok(user && !['root', '0', '0:0'].includes(user), `${target}: runs as ${user ?? 'root'}`);
    assert.doesNotMatch(body, /npm (ci|install)\b(?![^\n]*--omit=dev)/, `${target}: no dev install in the runtime image`);
  }
  assert.match(dockerfile, /^ARG NODE_IMAGE=node:\d+[^\s:]*-slim$/m, 'a pinned, slim Node base image');
  assert.doesNotMatch(dockerfile, /:latest\b/);
  const lastFrom = stages.at(-1);
  assert.match(lastFrom, /AS service$/, 'the default target is the service image');
});

test('when the Dockerfile copies from the build context, then every source exists in the repository', () => {
  for (const line of instructions.filter((l) => /^COPY /i.test(l) && !/--from=/.test(l))) {
    const parts = line.replace(/^COPY\s+(--\S+\s+)*/i, '').split(/\s+/);
    for (const source of parts.slice(0, -1)) {
      assert.ok(fs.existsSync(path.join(root, source)), `COPY ${source}: not in the repository`);
    }
  }
  for (const app of APPS) assert.match(dockerfile, new RegExp(`COPY services/${app}/package\\.json`), `the dependency stage copies ${app}'s manifest`);
});

test('when the pipeline is read, then it tests, builds once, scans, pushes to ACR, updates GitOps behind an approval and rolls back on failure', () => {
  const [pipeline] = readYamlFile(path.join(root, 'azure-pipelines.yml'));
  const stages = pipeline.stages.map((s) => s.stage);
  assert.deepEqual(stages, ['Test', 'Build', 'Release']);
  const text = fs.readFileSync(path.join(root, 'azure-pipelines.yml'), 'utf8');
  assert.match(text, /npm test/);
  assert.match(text, /node scripts\/check-deploy\.mjs/);
  assert.match(text, /trivy[^\n]*image[\s\S]*--exit-code 1/, 'image scanning fails the build');
  assert.match(text, /docker push/);
  const release = pipeline.stages.find((s) => s.stage === 'Release').jobs[0];
  assert.equal(release.environment, 'healthsync-production', 'a deployment job on an environment (approvals are checks on it)');
  // YAML 1.1 readers (PyYAML) read the key `on` as the boolean true; Azure Pipelines reads "on".
  const hooks = release.strategy.runOnce.on ?? release.strategy.runOnce.true;
  assert.ok(hooks?.failure?.steps?.some((s) => /git revert/.test(s.script ?? '')), 'an automatic rollback step');
  const valuesFile = /file=(\S+)/.exec(text)[1];
  assert.ok(fs.existsSync(path.join(root, valuesFile)), `the GitOps values file ${valuesFile} exists`);
  assert.match(fs.readFileSync(path.join(root, valuesFile), 'utf8'), /^ {6}tag: "/m, 'the line the pipeline rewrites is there');
});

test('when the Flux manifests are read, then they sync the chart from Git with the Azure values and roll back failed upgrades', () => {
  const dir = path.join(root, 'deploy', 'flux', 'clusters', 'prod');
  const [kustomization] = readYamlFile(path.join(dir, 'kustomization.yaml'));
  for (const resource of kustomization.resources) assert.ok(fs.existsSync(path.join(dir, resource)), `kustomization resource ${resource}`);
  const objects = listFiles(dir).concat(listFiles(path.join(root, 'deploy', 'flux', 'infrastructure'))).flatMap(readYamlFile);
  const release = objects.find((o) => o.kind === 'HelmRelease');
  assert.ok(release);
  const chart = release.spec.chart.spec;
  assert.ok(fs.existsSync(path.join(root, chart.chart, 'Chart.yaml')), `chart path ${chart.chart}`);
  for (const file of chart.valuesFiles) assert.ok(fs.existsSync(path.join(root, file)), `values file ${file}`);
  assert.equal(release.spec.upgrade.remediation.strategy, 'rollback');
  assert.equal(release.spec.test.enable, true);
  const source = objects.find((o) => o.kind === 'GitRepository');
  assert.equal(chart.sourceRef.name, source.metadata.name);
  const values = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === release.spec.valuesFrom[0].name);
  assert.ok(values, 'the ConfigMap the release takes its environment values from');
  const canary = objects.find((o) => o.kind === 'Canary');
  assert.equal(canary.spec.targetRef.name, 'gateway');
  assert.ok(canary.spec.analysis.metrics.length >= 1, 'the canary is judged by metrics');
});

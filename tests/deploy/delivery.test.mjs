// Build and delivery files: the shared Dockerfile, azure-pipelines.yml and the Flux
// manifests. Nothing here builds an image or talks to Azure (neither is possible offline);
// the checks hold the files to what the pipeline and Flux rely on.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { APPS, PYTHON_APPS, listFiles, productionValuesFiles, readYamlFile, root } from './lib.mjs';

const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
const instructions = dockerfile.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));

test('when the Dockerfile is read, then it is a multi-stage build whose images run as a non-root user', () => {
  const stages = instructions.filter((l) => /^FROM /i.test(l));
  assert.ok(stages.length >= 3, 'several stages: dependencies, build, runtime');
  for (const target of ['service', 'migrations', 'usage-analytics']) {
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
  for (const app of APPS.filter((a) => !PYTHON_APPS.includes(a))) {
    assert.match(dockerfile, new RegExp(`COPY services/${app}/package\\.json`), `the dependency stage copies ${app}'s manifest`);
  }
  for (const app of PYTHON_APPS) {
    assert.match(dockerfile, new RegExp(`COPY services/${app}/requirements\\.txt`), `the ${app} stage installs its pinned requirements`);
    assert.match(dockerfile, new RegExp(`AS ${app}\\n`), `a ${app} target`);
    assert.match(fs.readFileSync(path.join(root, 'azure-pipelines.yml'), 'utf8'), new RegExp(`--target ${app}\\b`), `the pipeline builds the ${app} image`);
  }
});

const [pipeline] = readYamlFile(path.join(root, 'azure-pipelines.yml'));
const stepsOf = (stage) => pipeline.stages.find((s) => s.stage === stage).jobs.flatMap((j) => j.steps ?? j.strategy?.runOnce?.deploy?.steps ?? []);
const scriptOf = (step) => step.script ?? step.inputs?.inlineScript ?? '';

test('when the pipeline is read, then it tests, builds once, scans, pushes to ACR and releases on an approved environment with a rollback', () => {
  assert.deepEqual(
    pipeline.stages.map((s) => s.stage),
    ['Test', 'Build', 'Release'],
  );
  assert.ok(
    stepsOf('Test').some((s) => /^(sudo )?npm test$/.test(scriptOf(s).trim())),
    'the Test stage runs the whole `npm test`',
  );
  const build = stepsOf('Build').map(scriptOf);
  const scan = build.find((s) => s.includes('trivy'));
  assert.ok(scan, 'a Trivy scan step');
  assert.match(scan, /--exit-code 1\b/, 'the scan step fails the build on findings');
  assert.match(scan, /--severity HIGH,CRITICAL\b/);
  const scanAt = build.indexOf(scan);
  const pushAt = build.findIndex((s) => /docker push/.test(s));
  assert.ok(pushAt > scanAt, 'images are pushed only after the scan step');
  const release = pipeline.stages.find((s) => s.stage === 'Release').jobs[0];
  assert.equal(release.environment, 'healthsync-production', 'a deployment job on an environment (approvals are checks on it)');
  // The GitOps file the release step edits exists and has the line it rewrites.
  const update = stepsOf('Release')
    .map(scriptOf)
    .find((s) => s.includes('release-values.yaml'));
  const valuesFile = /file=(\S+)/.exec(update)[1];
  assert.match(fs.readFileSync(path.join(root, valuesFile), 'utf8'), /^ {6}tag: "/m, `${valuesFile} has the tag line the pipeline rewrites`);
});

test('when the pipeline tests, then it uses the Node major version the images run', () => {
  const image = /^ARG NODE_IMAGE=node:(\d+)/m.exec(dockerfile)[1];
  const useNode = stepsOf('Test').find((s) => s.task?.startsWith('UseNode@'));
  assert.ok(useNode, 'the Test stage pins Node');
  assert.equal(String(useNode.inputs.version).split('.')[0], image, `pipeline Node ${useNode.inputs.version}, images node:${image}`);
});

test('when the pipeline runs, then the deployment checks run exactly once', () => {
  // `npm test` without a filter runs them itself (scripts/test.mjs); so does a direct call.
  const testScript = fs.readFileSync(path.join(root, 'scripts', 'test.mjs'), 'utf8');
  assert.ok(testScript.includes("'check-deploy.mjs'"), 'scripts/test.mjs runs the deployment checks');
  const runs = pipeline.stages
    .flatMap((s) => stepsOf(s.stage))
    .map(scriptOf)
    .reduce((count, script) => {
      const direct = (script.match(/node scripts\/check-deploy\.mjs/g) ?? []).length;
      const viaNpmTest = (script.match(/npm test(?![ \t]+--)/g) ?? []).length;
      return count + direct + viaNpmTest;
    }, 0);
  assert.equal(runs, 1, `the deployment checks run ${runs} times in one pipeline run`);
});

test('when the Flux manifests are read, then they sync the chart from Git with the Azure values and roll back failed upgrades', () => {
  const dir = path.join(root, 'deploy', 'flux', 'clusters', 'prod');
  const [kustomization] = readYamlFile(path.join(dir, 'kustomization.yaml'));
  for (const resource of kustomization.resources) assert.ok(fs.existsSync(path.join(dir, resource)), `kustomization resource ${resource}`);
  const objects = listFiles(dir)
    .concat(listFiles(path.join(root, 'deploy', 'flux', 'infrastructure')))
    .flatMap(readYamlFile);
  const release = objects.find((o) => o.kind === 'HelmRelease' && o.metadata.name === 'healthsync');
  assert.ok(release);
  const chart = release.spec.chart.spec;
  assert.ok(fs.existsSync(path.join(root, chart.chart, 'Chart.yaml')), `chart path ${chart.chart}`);
  for (const file of chart.valuesFiles) assert.ok(fs.existsSync(path.join(root, file)), `values file ${file}`);
  assert.equal(release.spec.upgrade.remediation.strategy, 'rollback');
  assert.equal(release.spec.test.enable, true);
  const source = objects.find((o) => o.kind === 'GitRepository');
  assert.equal(chart.sourceRef.name, source.metadata.name);
  // Each valuesFrom ConfigMap is in Git, or (the environment's, made from `tofu output`) has
  // a fixture standing in for it; productionValuesFiles throws otherwise.
  assert.ok(productionValuesFiles().length >= chart.valuesFiles.length + release.spec.valuesFrom.length);
  const canary = objects.find((o) => o.kind === 'Canary');
  assert.equal(canary.spec.targetRef.name, 'gateway');
  assert.ok(canary.spec.analysis.metrics.length >= 1, 'the canary is judged by metrics');
});

// The web client's way to production: Front Door serves it from its own storage account with the
// hosting rules clients/web/hosting.mjs states (the same ones the local server applies and the
// browser tests check), the gateway allows its origin, and the pipeline's publish step — run
// here with a scripted `az` and `curl` — uploads the files with the right cache headers in a
// safe order, writes the environment's config.json and purges the page.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { CACHE_DOCUMENT, CACHE_HASHED_ASSET, securityHeaders } from '../../clients/web/hosting.mjs';
import { ports } from '../../scripts/lib/ports.mjs';
import { readYamlFile, renderProduction, root, terraform } from './lib.mjs';

const ref = (expression) => (typeof expression === 'string' ? expression.replace(/^\$\{|\}$/g, '') : expression);
const edge = () => terraform()['modules/edge'].resource;
const rules = () =>
  Object.values(edge().azurerm_cdn_frontdoor_rule ?? {}).filter((r) => ref(r.cdn_frontdoor_rule_set_id) === 'azurerm_cdn_frontdoor_rule_set.web.id');
const actionsOf = (rule) => rule.actions[0];
const conditionsOf = (rule) => rule.conditions?.[0] ?? {};
const headerSet = (rule) => Object.fromEntries((actionsOf(rule).response_header_action ?? []).map((h) => [h.header_name, h.value]));

test('when the web host name is asked for, then Front Door answers it with a certificate and the WAF, from the static website over Private Link', () => {
  const e = edge();
  const domain = Object.entries(e.azurerm_cdn_frontdoor_custom_domain).find(([, d]) => ref(d.host_name) === 'var.web_host_name');
  assert.ok(domain, 'a custom domain for var.web_host_name');
  const domainId = `azurerm_cdn_frontdoor_custom_domain.${domain[0]}.id`;
  assert.equal(domain[1].tls[0].certificate_type, 'ManagedCertificate');
  const route = Object.entries(e.azurerm_cdn_frontdoor_route).find(([, r]) => (r.cdn_frontdoor_custom_domain_ids ?? []).map(ref).includes(domainId));
  assert.ok(route, 'a route on the web host');
  const [routeName, web] = route;
  assert.deepEqual(web.patterns_to_match, ['/*']);
  assert.equal(web.link_to_default_domain, false, 'only on the web host: the endpoint keeps /api/* and /static/*');
  assert.equal(web.https_redirect_enabled, true);
  assert.deepEqual(web.cdn_frontdoor_rule_set_ids.map(ref), ['azurerm_cdn_frontdoor_rule_set.web.id']);
  assert.ok(web.cache?.[0], 'the route caches (the CDN part of the drawing)');
  const association = Object.values(e.azurerm_cdn_frontdoor_custom_domain_association).find((a) => ref(a.cdn_frontdoor_custom_domain_id) === domainId);
  assert.deepEqual(association.cdn_frontdoor_route_ids.map(ref), [`azurerm_cdn_frontdoor_route.${routeName}.id`]);
  const wafDomains = e.azurerm_cdn_frontdoor_security_policy.this.security_policies[0].firewall[0].association[0].domain.map((d) =>
    ref(d.cdn_frontdoor_domain_id),
  );
  assert.ok(wafDomains.includes(domainId), 'the WAF covers the web host');
  const origin = Object.values(e.azurerm_cdn_frontdoor_origin).find((o) => ref(o.cdn_frontdoor_origin_group_id) === ref(web.cdn_frontdoor_origin_group_id));
  assert.equal(ref(origin.host_name), 'var.web_origin_host');
  assert.equal(origin.private_link[0].target_type, 'web', 'the static website endpoint, over Private Link');
  assert.equal(ref(origin.private_link[0].private_link_target_id), 'var.web_storage_account_id');

  const prod = terraform()['environments/prod'].module.edge;
  assert.equal(ref(prod.web_storage_account_id), 'module.web.id');
  assert.equal(ref(prod.web_origin_host), 'module.web.primary_web_host');
});

test('when the web client is cached at the edge, then hashed assets live a year, the page and app paths are never kept, and app paths get the page', () => {
  const all = rules();
  const byPath = (value) => all.find((r) => (conditionsOf(r).url_path_condition ?? []).some((c) => c.match_values.includes(value)));
  const assets = byPath('assets/');
  assert.ok(assets, 'a rule for assets/');
  assert.equal(conditionsOf(assets).url_path_condition[0].operator, 'BeginsWith');
  const assetCache = actionsOf(assets).route_configuration_override_action[0];
  assert.equal(assetCache.cache_behavior, 'OverrideAlways');
  assert.equal(assetCache.cache_duration, '365.00:00:00');
  assert.equal(headerSet(assets)['Cache-Control'], CACHE_HASHED_ASSET);

  const documents = byPath('index.html');
  assert.ok(documents && conditionsOf(documents).url_path_condition[0].match_values.includes('config.json'), 'index.html and config.json');
  assert.equal(actionsOf(documents).route_configuration_override_action[0].cache_behavior, 'Disabled');
  assert.equal(headerSet(documents)['Cache-Control'], CACHE_DOCUMENT);

  const appPaths = all.find((r) => conditionsOf(r).url_file_extension_condition);
  assert.ok(appPaths, 'a rule for paths without a file extension');
  assert.equal(conditionsOf(appPaths).url_file_extension_condition[0].operator, 'LessThan');
  assert.deepEqual(conditionsOf(appPaths).url_file_extension_condition[0].match_values, ['1']);
  assert.deepEqual(actionsOf(appPaths).url_rewrite_action[0], { source_pattern: '/', destination: '/index.html', preserve_unmatched_path: false });
  assert.equal(actionsOf(appPaths).route_configuration_override_action[0].cache_behavior, 'Disabled');
  assert.equal(headerSet(appPaths)['Cache-Control'], CACHE_DOCUMENT);
  assert.deepEqual(
    all.map((r) => r.order).sort((a, b) => a - b),
    all.map((_, i) => i + 1),
    'rules ordered 1..n',
  );
});

test('when the edge answers for the web client, then it sends the same security headers as the local server, with the API host allowed for fetch', () => {
  const unconditional = rules().filter((r) => !r.conditions);
  assert.equal(unconditional.length, 1, 'one rule for every answer');
  // Front Door has no variable for the scheme-less host in a header; the expression stays as written.
  assert.deepEqual(headerSet(unconditional[0]), securityHeaders({ apiOrigin: 'https://${var.api_host_name}' }));
});

test('when the web client calls the API from the browser, then the gateway allows its origin: locally port 3100, in Azure the web host', () => {
  const [runFile] = readYamlFile(path.join(root, 'dapr.yaml'));
  const gateway = runFile.apps.find((a) => a.appID === 'gateway');
  assert.deepEqual(gateway.env.CORS_ORIGINS.split(','), [`http://127.0.0.1:${ports.web}`, `http://localhost:${ports.web}`]);
  const output = terraform()['environments/prod'].output.chart_environment_values.value;
  const expression = JSON.stringify(output).replaceAll('\\"', '"').replace(/\s+/g, '');
  assert.ok(expression.includes('service=="gateway"?{env={CORS_ORIGINS="https://${var.web_host_name}"}}'), expression);
  // The environment's value (tests/deploy/fixtures/healthsync-environment.yaml stands in for it) reaches the gateway's pods.
  const gateways = renderProduction()
    .objects.filter((o) => o.kind === 'Deployment')
    .flatMap((d) => d.spec.template.spec.containers)
    .filter((c) => (c.env ?? []).some((e) => e.name === 'FRONT_DOOR_ID'));
  assert.ok(gateways.length > 0, 'the gateway is rendered');
  for (const container of gateways) assert.equal(container.env.find((e) => e.name === 'CORS_ORIGINS')?.value, 'https://app.healthsync.kr');
});

test('when the web storage account is made, then it has no shared keys, no public containers, a closed firewall and serves index.html as a website', () => {
  const web = terraform()['modules/web'].resource;
  const account = web.azurerm_storage_account.this;
  assert.equal(account.shared_access_key_enabled, false);
  assert.equal(account.allow_nested_items_to_be_public, false);
  assert.equal(account.min_tls_version, 'TLS1_2');
  assert.equal(account.network_rules[0].default_action, 'Deny');
  assert.equal(ref(account.network_rules[0].ip_rules), 'var.admin_ip_ranges');
  const site = web.azurerm_storage_account_static_website.this;
  assert.equal(site.index_document, 'index.html');
  assert.equal(site.error_404_document, 'index.html');
  assert.equal(web.azurerm_role_assignment.publisher.role_definition_name, 'Storage Blob Data Contributor');
});

// ── The pipeline's publish step, run ──────────────────────────────────────────────────────────
const [pipeline] = readYamlFile(path.join(root, 'azure-pipelines.yml'));
const webJob = pipeline.stages.find((s) => s.stage === 'Release').jobs.find((j) => j.deployment === 'web');
const publish = webJob.strategy.runOnce.deploy.steps.find((s) => /Publish the web client/.test(s.displayName ?? '')).inputs.inlineScript;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'healthsync-web-publish-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

const variables = {
  API_HOST: 'api.healthsync.example.com',
  WEB_HOST: 'app.healthsync.example.com',
  WEB_STORAGE_ACCOUNT: 'stwebhealthsyncprod',
  WEB_RESOURCE_GROUP: 'rg-healthsync-prod',
  FRONTDOOR_PROFILE: 'afd-healthsync-prod',
  FRONTDOOR_ENDPOINT: 'fde-healthsync-prod',
  WEB_OIDC_CLIENT_ID: '123456789012-web0example.apps.googleusercontent.com',
};

/** A checkout with a built dist, and fake `az` and `curl` that log their calls; `served` is what the web host answers. */
function runPublish(name, { vars = variables, served, azFails = '' } = {}) {
  const dir = path.join(work, name);
  const dist = path.join(dir, 'clients', 'web', 'dist');
  fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
  const html =
    '<!doctype html><script type="module" crossorigin src="/assets/index-AbC123xy.js"></script><link rel="stylesheet" href="/assets/index-Zz9_8y7x.css">';
  fs.writeFileSync(path.join(dist, 'index.html'), html);
  fs.writeFileSync(path.join(dist, 'assets', 'index-AbC123xy.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dist, 'assets', 'index-AbC123xy.js.map'), '{}');
  fs.writeFileSync(path.join(dist, 'assets', 'index-Zz9_8y7x.css'), 'body{}');
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  const log = path.join(dir, 'calls.log');
  fs.writeFileSync(
    path.join(bin, 'az'),
    `#!/bin/bash\nprintf '%s\\n' "az $*" >> ${JSON.stringify(log)}\n[[ -n ${JSON.stringify(azFails)} && "$*" == *${JSON.stringify(azFails)}* ]] && exit 3\nexit 0\n`,
    { mode: 0o755 },
  );
  fs.writeFileSync(path.join(dir, 'served.html'), served ?? html);
  fs.writeFileSync(
    path.join(bin, 'curl'),
    `#!/bin/bash\nprintf '%s\\n' "curl $*" >> ${JSON.stringify(log)}\ncat ${JSON.stringify(path.join(dir, 'served.html'))}\n`,
    { mode: 0o755 },
  );
  const script = publish.replace(/\$\(([A-Za-z_][A-Za-z0-9_.]*)\)/g, (whole, key) => (key in vars ? vars[key] : whole));
  const result = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : [];
  const written = fs.existsSync(path.join(dist, 'config.json')) ? fs.readFileSync(path.join(dist, 'config.json'), 'utf8') : '';
  const config = written ? JSON.parse(written) : undefined;
  return { status: result.status, output: `${result.stdout}${result.stderr}`, calls, config };
}

test('when the pipeline publishes the web client, then hashed files go first with a year of caching, then config.json and the page with no-cache, then the page is purged and checked', () => {
  const { status, output, calls, config } = runPublish('ok');
  assert.equal(status, 0, output);
  const uploads = calls.filter((c) => c.includes('upload-batch'));
  const pattern = (c) => / --pattern (\S+)/.exec(c)?.[1];
  const cache = (c) => / --content-cache-control (.+)$/.exec(c)?.[1];
  assert.deepEqual(
    uploads.map((c) => [pattern(c), cache(c)]),
    [
      ['assets/*.js', CACHE_HASHED_ASSET],
      ['assets/*.css', CACHE_HASHED_ASSET],
      ['config.json', CACHE_DOCUMENT],
      ['index.html', CACHE_DOCUMENT],
    ],
  );
  assert.ok(
    uploads.every((c) => c.includes('--auth-mode login') && c.includes('--account-name stwebhealthsyncprod') && c.includes('--destination $web')),
    'Entra ID, the web account, the static website container',
  );
  assert.ok(!uploads.some((c) => /\.map|assets\/\*( |$)/.test(c)), 'source maps stay out');
  const purge = calls.findIndex((c) => c.startsWith('az afd endpoint purge'));
  assert.ok(purge > calls.lastIndexOf(uploads.at(-1)), 'purged after the page is uploaded');
  assert.match(calls[purge], /--content-paths \/ \/index\.html \/config\.json/);
  assert.match(calls[purge], /--domains app\.healthsync\.example\.com/);
  assert.deepEqual(config, {
    apiBaseUrl: 'https://api.healthsync.example.com',
    oidc: {
      issuer: 'https://accounts.google.com',
      authorizationEndpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
      clientId: variables.WEB_OIDC_CLIENT_ID,
    },
  });
  assert.ok(calls.at(-1).startsWith('curl -sf https://app.healthsync.example.com/'));
});

test('when an upload fails, or the web host still serves another page, or the client id is not a Google one, then the publish step fails', () => {
  const failed = runPublish('upload-fails', { azFails: 'index.html' });
  assert.notEqual(failed.status, 0);
  assert.ok(!failed.calls.some((c) => c.startsWith('az afd endpoint purge')), 'nothing purged after a failed upload');
  const stale = runPublish('stale', { served: '<!doctype html><script type="module" src="/assets/index-OLD00000.js"></script>' });
  assert.notEqual(stale.status, 0, 'the page served is not this build');
  const badId = runPublish('bad-client', { vars: { ...variables, WEB_OIDC_CLIENT_ID: 'healthsync-mobile' } });
  assert.notEqual(badId.status, 0);
  assert.equal(badId.config, undefined, 'no configuration written');
  assert.ok(!badId.calls.some((c) => c.includes('upload-batch')), 'nothing uploaded with a wrong configuration');
});

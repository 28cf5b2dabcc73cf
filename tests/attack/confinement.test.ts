import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { publicDocument, rawRequest, recordFigures, type RawAnswer } from '../support/attack.js';
import { sidecar } from '../support/system.js';
import { activeUser, people, type SignedIn } from '../support/users.js';

/**
 * Path confinement, attacked the way the first outside review did: every templated route of
 * the public document × traversal encodings × depths, sent byte for byte with a real access
 * token. No answer may come from a Dapr API or an internal route: every one must be the
 * gateway's own 4xx problem+json, and the state store must be untouched.
 */
const SEPARATORS = ['/', '\\', '%2f', '%2F', '%5c', '%5C', '%252f', '%255c', '%25252f'];
const DOTS = ['..', '%2e%2e', '%2E%2E', '.%2e', '%2e.', '%252e%252e', '..%00', '%c0%ae%c0%ae'];
const DEPTHS = [2, 5, 9];
const TARGETS = ['v1.0/metadata', 'v1.0/state/revocations/attack-probe', 'v1.0/invoke/user/method/internal/openapi', 'internal/openapi'];
/** Codes the gateway answers before anything is forwarded. */
const GATEWAY_REFUSALS = new Set(['NON_CANONICAL_PATH', 'ROUTE_NOT_FOUND', 'METHOD_NOT_ALLOWED', 'VALIDATION_FAILED']);

function traversal(dots: string, separator: string, depth: number, target: string): string {
  return `${`${dots}${separator}`.repeat(depth)}${target.replaceAll('/', separator)}`;
}

/** Each place a parameter can be abused: the template with that parameter replaced by the payload. */
function injectionPoints(template: string): ((payload: string) => string)[] {
  const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  return names.map((name) => (payload: string) => template.replace(`{${name}}`, payload).replace(/\{[^}]+\}/g, 'x'));
}

function assertRefusedByGateway(answer: RawAnswer, what: string): void {
  assert.ok(answer.status >= 400 && answer.status < 500, `${what}: status ${answer.status}`);
  assert.match(answer.headers['content-type'] ?? '', /^application\/problem\+json/, `${what}: not the gateway's problem+json`);
  const body = JSON.parse(answer.body) as { code?: string };
  assert.ok(GATEWAY_REFUSALS.has(body.code ?? ''), `${what}: code ${body.code}`);
}

describe('path confinement at the gateway', () => {
  let attacker: SignedIn;
  const figures = { requests: 0, findings: 0, routes: 0 };

  before(async () => {
    attacker = await activeUser(people.seoyeon);
  });
  after(() => recordFigures('confinement', figures));

  test('the two requests of the outside review are refused with 400 and reach nothing', async () => {
    const auth = { authorization: `Bearer ${attacker.accessToken}` };
    const metadata = await rawRequest('GET', '/api/health/checkups/..\\..\\..\\..\\..\\..\\..\\v1.0\\metadata', auth);
    assert.equal(metadata.status, 400);
    assert.equal((JSON.parse(metadata.body) as { code: string }).code, 'NON_CANONICAL_PATH');
    const write = await rawRequest(
      'PUT',
      '/api/goals/missions/x/completions/..\\..\\..\\..\\..\\..\\..\\..\\..\\v1.0\\state\\revocations',
      { ...auth, 'content-type': 'application/json' },
      '[{"key":"attack-probe","value":"1"}]',
    );
    assert.equal(write.status, 400);
    assert.equal((JSON.parse(write.body) as { code: string }).code, 'NON_CANONICAL_PATH');
    figures.requests += 2;
  });

  test("every templated route × encodings of \\ / . × depths answers the gateway's own 4xx", async () => {
    const document = await publicDocument();
    const templated = Object.entries(document.paths).filter(([template]) => template.includes('{'));
    assert.ok(templated.length >= 5, `the document lists templated routes (${templated.length})`);
    const auth = { authorization: `Bearer ${attacker.accessToken}`, 'content-type': 'application/json' };
    const failures: string[] = [];
    for (const [template, operations] of templated) {
      for (const method of Object.keys(operations).map((m) => m.toUpperCase())) {
        figures.routes += 1;
        for (const point of injectionPoints(template)) {
          const requests: Promise<void>[] = [];
          for (const separator of SEPARATORS) {
            for (const dots of DOTS) {
              for (const depth of DEPTHS) {
                for (const target of TARGETS) {
                  const path = point(traversal(dots, separator, depth, target));
                  requests.push(
                    rawRequest(method, path, auth, method === 'GET' || method === 'DELETE' ? undefined : '[{"key":"attack-probe","value":"1"}]').then(
                      (answer) => {
                        figures.requests += 1;
                        try {
                          assertRefusedByGateway(answer, `${method} ${path}`);
                        } catch (error) {
                          figures.findings += 1;
                          if (failures.length < 10) failures.push(String(error));
                        }
                      },
                    ),
                  );
                  // Bounded concurrency: a burst of 64 at a time.
                  if (requests.length >= 64) await Promise.all(requests.splice(0));
                }
              }
            }
          }
          await Promise.all(requests);
        }
      }
    }
    assert.deepEqual(failures, [], `${figures.findings} answers did not come from the gateway's refusal`);
    assert.ok(figures.requests > 2000, `enough requests were sent (${figures.requests})`);
  });

  test('after the attack, the revocations store holds no key the attack tried to write', async () => {
    const stored = await sidecar('user', '/v1.0/state/revocations/attack-probe');
    assert.equal(stored.status, 204, `the probe key is absent (answered ${stored.status}: ${await stored.text()})`);
  });
});

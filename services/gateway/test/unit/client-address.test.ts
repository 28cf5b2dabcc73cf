import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addressKey, clientAddress, type ClientHeaders } from '../../src/domain/client-address.js';

const FDID = '8f0b3c2a-1d4e-4b7a-9c61-2e5f7a9d0b13';
const frontDoor = { frontDoorId: FDID, trustedHops: 0 };
const nginx = { frontDoorId: '', trustedHops: 1 };
const direct = { frontDoorId: '', trustedHops: 0 };
const request = (headers: Partial<ClientHeaders>): ClientHeaders => ({
  socketAddress: '10.244.1.17', // the NGINX pod: one address for every client
  forwardedFor: undefined,
  azureClientIp: undefined,
  azureFdid: undefined,
  ...headers,
});

test('when Front Door vouches for the request, then the client is X-Azure-ClientIP, never the proxy in front of the gateway', () => {
  assert.deepEqual(clientAddress(request({ azureFdid: FDID, azureClientIp: '203.0.113.9', forwardedFor: '1.1.1.1, 10.0.0.4' }), frontDoor), {
    kind: 'identified',
    key: '203.0.113.9',
    source: 'front-door',
  });
  assert.deepEqual(clientAddress(request({ azureFdid: FDID.toUpperCase(), azureClientIp: '2001:db8:abcd:12:1::7' }), frontDoor), {
    kind: 'identified',
    key: '2001:db8:abcd:12::/64',
    source: 'front-door',
  });
});

test('when X-Azure-ClientIP comes without our Front Door id, then it is not believed and the request is refused', () => {
  for (const azureFdid of [undefined, '', '00000000-0000-0000-0000-000000000000']) {
    assert.equal(clientAddress(request({ azureFdid, azureClientIp: '203.0.113.9' }), frontDoor).kind, 'refused');
  }
  assert.equal(clientAddress(request({ azureFdid: FDID, azureClientIp: 'not-an-ip' }), frontDoor).kind, 'refused');
  assert.equal(clientAddress(request({ azureFdid: FDID }), frontDoor).kind, 'refused');
});

test('when no Front Door id is configured, then X-Azure-ClientIP is ignored', () => {
  const spoofed = clientAddress(request({ azureFdid: FDID, azureClientIp: '203.0.113.9', forwardedFor: '198.51.100.4' }), nginx);
  assert.deepEqual(spoofed, { kind: 'identified', key: '198.51.100.4', source: 'forwarded-for' });
});

test('when proxies append to X-Forwarded-For, then the entry of the outermost trusted proxy counts and client-sent entries are ignored', () => {
  // The client sent "6.6.6.6"; NGINX appended the address it saw.
  assert.equal((clientAddress(request({ forwardedFor: '6.6.6.6, 198.51.100.4' }), nginx) as { key: string }).key, '198.51.100.4');
  // Three proxies (Front Door, Application Gateway, NGINX), each appending its peer.
  const chain = { frontDoorId: '', trustedHops: 3 };
  assert.equal((clientAddress(request({ forwardedFor: '6.6.6.6, 198.51.100.4, 147.243.0.1, 10.0.2.5' }), chain) as { key: string }).key, '198.51.100.4');
  assert.equal(clientAddress(request({ forwardedFor: '147.243.0.1, 10.0.2.5' }), chain).kind, 'refused', 'came in past the outer proxy');
  assert.equal(clientAddress(request({ forwardedFor: 'garbage' }), nginx).kind, 'refused');
});

test('when a request reached the gateway directly, then its peer is the client', () => {
  assert.deepEqual(clientAddress(request({ socketAddress: '::ffff:192.0.2.50' }), nginx), { kind: 'identified', key: '192.0.2.50', source: 'socket' });
  assert.deepEqual(clientAddress(request({ socketAddress: '127.0.0.1', forwardedFor: '6.6.6.6' }), direct), {
    kind: 'identified',
    key: '127.0.0.1',
    source: 'socket',
  });
});

test('when addresses are keyed, then IPv4 is kept and IPv6 folds to its /64', () => {
  assert.equal(addressKey('192.0.2.1'), '192.0.2.1');
  assert.equal(addressKey('[2001:db8::1]'), '2001:db8:0:0::/64');
  assert.equal(addressKey('2001:0db8:0000:0042:ffff:1:2:3'), '2001:db8:0:42::/64');
  assert.equal(addressKey('2001:db8:0:42::9'), addressKey('2001:db8:0:42:1:2:3:4'));
  assert.equal(addressKey('::1'), '0:0:0:0::/64');
  for (const bad of [undefined, '', 'localhost', '999.1.1.1', '1.2.3.4:80']) assert.equal(addressKey(bad), undefined);
});

test('when the gateway runs behind Front Door, then req.ip is the vouched client and a request past Front Door gets 403 problem+json', async () => {
  const express = (await import('express')).default;
  const { resolveClient } = await import('../../src/routes/edge.js');
  const app = express();
  app.use('/api', resolveClient(frontDoor));
  app.get('/api/whoami', (req, res) => {
    res.json({ ip: req.ip });
  });
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  try {
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/whoami`;
    const vouched = await fetch(url, { headers: { 'x-azure-fdid': FDID, 'x-azure-clientip': '203.0.113.9', 'x-forwarded-for': '10.1.1.1' } });
    assert.deepEqual(await vouched.json(), { ip: '203.0.113.9' });
    const bypass = await fetch(url, { headers: { 'x-azure-clientip': '203.0.113.9' } });
    assert.equal(bypass.status, 403);
    assert.match(bypass.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(((await bypass.json()) as { code: string }).code, 'CLIENT_NOT_IDENTIFIED');
  } finally {
    server.close();
  }
});

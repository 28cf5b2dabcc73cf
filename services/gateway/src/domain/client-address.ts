import { isIP } from 'node:net';

/**
 * Who an anonymous client is, for rate limiting, behind Front Door → Application Gateway →
 * NGINX. Pure: headers and the socket's peer in, an address (or a refusal) out.
 *
 * - With a Front Door id configured, only Front Door's own headers count: `X-Azure-ClientIP`
 *   (the address Front Door saw) is believed when `X-Azure-FDID` is our profile's id. A request
 *   without it did not come through our Front Door and is refused (the Application Gateway
 *   admits only that profile, so this is a second lock on the same door).
 * - Otherwise, with `trustedHops` proxies in front of the gateway, each appending its peer to
 *   `X-Forwarded-For`, the client is the entry the outermost proxy wrote: the `trustedHops`-th
 *   from the right. Entries left of it are whatever the client sent, and are ignored. A request
 *   with no `X-Forwarded-For` reached the gateway directly, so its peer is the client; one with
 *   fewer entries than proxies came in past the outer ones and is refused.
 * - With neither, the socket's peer is the client (a gateway reached directly, as locally).
 *
 * IPv6 clients are keyed by their /64 prefix: one subscriber usually owns the whole prefix.
 */
export interface ClientAddressPolicy {
  /** Front Door profile's resource GUID (the X-Azure-FDID value); empty when not behind Front Door. */
  frontDoorId: string;
  /** Proxies in front of the gateway that append to X-Forwarded-For (NGINX alone: 1). */
  trustedHops: number;
}

export interface ClientHeaders {
  socketAddress: string | undefined;
  forwardedFor: string | undefined;
  azureClientIp: string | undefined;
  azureFdid: string | undefined;
}

export type ClientAddress = { kind: 'identified'; key: string; source: 'front-door' | 'forwarded-for' | 'socket' } | { kind: 'refused'; reason: string };

export function clientAddress(headers: ClientHeaders, policy: ClientAddressPolicy): ClientAddress {
  if (policy.frontDoorId) {
    const key = addressKey(headers.azureClientIp);
    if (headers.azureFdid?.trim().toLowerCase() !== policy.frontDoorId.toLowerCase()) return { kind: 'refused', reason: 'not through our Front Door' };
    return key ? { kind: 'identified', key, source: 'front-door' } : { kind: 'refused', reason: 'X-Azure-ClientIP missing or not an address' };
  }
  if (policy.trustedHops > 0 && headers.forwardedFor !== undefined && headers.forwardedFor.trim() !== '') {
    const entries = headers.forwardedFor.split(',').map((entry) => entry.trim());
    if (entries.length < policy.trustedHops) return { kind: 'refused', reason: 'fewer X-Forwarded-For entries than trusted proxies' };
    const key = addressKey(entries[entries.length - policy.trustedHops]);
    return key ? { kind: 'identified', key, source: 'forwarded-for' } : { kind: 'refused', reason: 'X-Forwarded-For entry is not an address' };
  }
  const key = addressKey(headers.socketAddress);
  return key ? { kind: 'identified', key, source: 'socket' } : { kind: 'refused', reason: 'no peer address' };
}

/** An IPv4 address as is, an IPv6 address as its /64 prefix; undefined for anything else. */
export function addressKey(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let address = value.trim();
  if (address.startsWith('[') && address.endsWith(']')) address = address.slice(1, -1);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) address = mapped[1]!;
  const version = isIP(address);
  if (version === 4) return address;
  if (version === 6) return `${expandIpv6(address).slice(0, 4).join(':')}::/64`;
  return undefined;
}

function expandIpv6(address: string): string[] {
  const [head = '', tail] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 tail (e.g. 64:ff9b::1.2.3.4) counts as two groups; only the first four matter here.
  const fill = Array.from({ length: Math.max(0, 8 - left.length - right.length) }, () => '0');
  return [...left, ...(tail === undefined ? [] : fill), ...right].map((group) => group.replace(/^0+(?=.)/, ''));
}

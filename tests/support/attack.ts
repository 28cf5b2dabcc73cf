import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { gatewayUrl, repoRoot } from './system.js';

/** The public API document as the gateway serves it. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, { security?: unknown[]; parameters?: { name: string; in: string; schema?: Record<string, unknown> }[] }>>;
}

export async function publicDocument(): Promise<OpenApiDocument> {
  const response = await fetch(`${gatewayUrl}/api/openapi.json`);
  if (response.status !== 200) throw new Error(`/api/openapi.json answered ${response.status}`);
  return (await response.json()) as OpenApiDocument;
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const gateway = new URL(gatewayUrl);

/**
 * Sends a request target byte for byte over a socket: fetch, curl without --path-as-is and
 * http.request all normalise or refuse what an attacker would send.
 */
export function rawRequest(method: string, target: string, headers: Record<string, string> = {}, body?: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(gateway.port), gateway.hostname, () => {
      const lines = [
        `${method} ${target} HTTP/1.1`,
        `host: ${gateway.host}`,
        'connection: close',
        ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
        ...(body !== undefined ? [`content-length: ${Buffer.byteLength(body)}`] : []),
      ];
      socket.write(`${lines.join('\r\n')}\r\n\r\n${body ?? ''}`);
    });
    const chunks: Buffer[] = [];
    socket.setTimeout(15_000, () => socket.destroy(new Error(`no answer to ${method} ${target}`)));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const headEnd = text.indexOf('\r\n\r\n');
      const head = text.slice(0, headEnd).split('\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head[0] ?? '')?.[1] ?? 0);
      const parsed: Record<string, string> = {};
      for (const line of head.slice(1)) {
        const colon = line.indexOf(':');
        parsed[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status, headers: parsed, body: headEnd === -1 ? '' : text.slice(headEnd + 4) });
    });
  });
}

/** Figures of one attack file, printed together by the test runner at the end of the stage. */
export function recordFigures(name: string, figures: Record<string, number | string>): void {
  const dir = path.join(repoRoot, '.data', 'attack');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(figures));
  console.log(`attack figures ${name}: ${JSON.stringify(figures)}`);
}

import net from 'node:net';
import { secrets } from '../support/system.js';

const REDIS_PORT = 16379;

/** `INFO <section>` of the local Redis as key → value (after AUTH). */
export function redisInfo(section: string): Promise<Record<string, string>> {
  const encode = (args: string[]) => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
  return new Promise((resolve, reject) => {
    const socket = net.connect(REDIS_PORT, '127.0.0.1');
    let data = Buffer.alloc(0);
    socket.setTimeout(5_000, () => socket.destroy(new Error('redis timed out')));
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const text = data.toString('utf8');
      if (text.startsWith('-')) {
        socket.destroy();
        reject(new Error(`redis: ${text.split('\r\n')[0]}`));
        return;
      }
      if (!text.startsWith('+OK\r\n')) return;
      const rest = data.subarray(5);
      const header = rest.indexOf('\r\n');
      if (header < 0) return;
      const length = Number(rest.subarray(1, header).toString('utf8'));
      if (rest.length < header + 2 + length) return;
      socket.end();
      const body = rest.subarray(header + 2, header + 2 + length).toString('utf8');
      const info: Record<string, string> = {};
      for (const line of body.split('\r\n')) {
        const at = line.indexOf(':');
        if (at > 0 && !line.startsWith('#')) info[line.slice(0, at)] = line.slice(at + 1);
      }
      resolve(info);
    });
    socket.write(encode(['AUTH', secrets['redis-password']!]) + encode(['INFO', section]));
  });
}

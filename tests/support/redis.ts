import net from 'node:net';
import { secrets } from './system.js';

/** The local Redis (scripts/lib/system.mjs), for tests that must look at or break the store itself. */
const REDIS_PORT = 16379;

function encode(args: string[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
}

/** Sends one command after AUTH and returns the raw RESP reply of that command. */
export async function redis(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(REDIS_PORT, '127.0.0.1');
    let data = '';
    socket.setTimeout(5_000, () => socket.destroy(new Error('redis timed out')));
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      data += chunk.toString('utf8');
      const lines = data.split('\r\n');
      // First reply: AUTH's +OK; the second is the command's (simple, integer or error replies, or a bulk string).
      if (lines.length >= 3 && lines[0] === '+OK') {
        const reply = lines[1]!;
        if (reply.startsWith('$') && reply !== '$-1' && lines.length < 4) return;
        socket.end();
        resolve(reply.startsWith('$') && reply !== '$-1' ? lines[2]! : reply);
      } else if (lines[0] && lines[0] !== '+OK' && lines.length >= 2) {
        socket.end();
        reject(new Error(`redis AUTH failed: ${lines[0]}`));
      }
    });
    socket.write(encode(['AUTH', secrets['redis-password']!]) + encode(args));
  });
}

/**
 * Runs `work` while Redis refuses every write (min-replicas-to-write with no replica: reads
 * still work, writes answer NOREPLICAS), then restores it.
 */
export async function withRedisRefusingWrites<T>(work: () => Promise<T>): Promise<T> {
  await redis('CONFIG', 'SET', 'min-replicas-to-write', '1');
  try {
    return await work();
  } finally {
    await redis('CONFIG', 'SET', 'min-replicas-to-write', '0');
  }
}

// Ports for processes that tests and scripts start on the fly. The kernel's own pick (listen on
// port 0) comes from the ephemeral range (32768–60999 on Linux), from which every outgoing
// connection also takes its source port: between the check and the new process's bind, a
// connection can take it ("bind: address already in use" from a daprd). So ports are drawn at
// random from a range below it that the fixed ports (scripts/lib/ports.mjs) leave alone, never
// the same one twice in a process, each checked free on every interface.
import net from 'node:net';

const FIRST = 21000;
const COUNT = 4000;
const handedOut = new Set();

function canListen(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

/** A TCP port nothing listens on right now, below the ephemeral range, not handed out before by this process. */
export async function freePort() {
  for (let tries = 0; tries < 200; tries += 1) {
    const port = FIRST + Math.floor(Math.random() * COUNT);
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    if (await canListen(port)) return port;
  }
  throw new Error(`no free TCP port found between ${FIRST} and ${FIRST + COUNT - 1}`);
}

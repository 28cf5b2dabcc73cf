import net from 'node:net';

/**
 * A TCP pass-through in front of a real dependency (Azurite, say) that a test can take down and
 * bring back: while down, open connections are cut and new ones are reset at once, as when the
 * dependency's process has died. Component tests point a service at `port` instead of the
 * dependency's own.
 */
export interface OutageProxy {
  port: number;
  /** Cuts every open connection and refuses new ones until `up()`. */
  down(): void;
  up(): void;
  close(): Promise<void>;
}

export async function startOutageProxy(target: { host?: string; port: number }): Promise<OutageProxy> {
  const sockets = new Set<net.Socket>();
  let isDown = false;
  const server = net.createServer((client) => {
    if (isDown) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(target.port, target.host ?? '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the outage proxy did not listen on a TCP port');
  return {
    port: address.port,
    down() {
      isDown = true;
      for (const socket of sockets) socket.destroy();
    },
    up() {
      isDown = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens and resolves with the port; a busy port becomes an error that names the flag. */
export function listen(server: Server, port: number, host: string, flag: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new Error(`port ${port} on ${host} is in use (choose another with ${flag})`, {
            cause: error,
          }),
        );
      } else reject(error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops accepting, ends open connections (the page's event streams), and waits. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/**
 * `http://host:port`, with brackets around an IPv6 address. A server bound to every interface
 * gets the loopback address, which works on this machine (browsers refuse `0.0.0.0`).
 */
export function formatUrl(host: string, port: number): string {
  const name = host === '0.0.0.0' ? '127.0.0.1' : host === '::' || host === '[::]' ? '::1' : host;
  return `http://${name.includes(':') ? `[${name}]` : name}:${port}`;
}

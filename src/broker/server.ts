import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createBroker } from './app.ts';
import type { BrokerOptions } from './options.ts';

/** Serves a broker on a loopback socket (port 0 = any free port). */
export async function startBroker(opts: { port?: number; host?: string; broker: BrokerOptions }) {
  const broker = createBroker(opts.broker);
  try {
    await broker.ready;
  } catch (err) {
    await broker.close();
    throw err;
  }
  const host = opts.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: broker.fetch, port: opts.port ?? 0, hostname: host }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  // Serving does not wait for it, and it never throws: it only logs whether InvoiceCloud answers.
  void broker.checkInvoiceCloud();
  return {
    url: `http://${host}:${port}`,
    broker,
    /**
     * Stops accepting, lets requests in progress finish (each InvoiceCloud call
     * has its deadline), then closes the store (see Broker.close). After 5 s,
     * connections still open are cut.
     */
    close: () =>
      new Promise<void>((resolve) => {
        const http = server as { closeIdleConnections?: () => void; closeAllConnections?: () => void };
        const force = setTimeout(() => http.closeAllConnections?.(), 5_000);
        server.close(() => {
          clearTimeout(force);
          void broker.close().then(resolve);
        });
        // Idle keep-alive sockets would hold close() open.
        http.closeIdleConnections?.();
      }),
  };
}

/**
 * startSandbox: the sandbox on a real socket (@hono/node-server), so the
 * broker talks HTTP to it exactly as to InvoiceCloud. Sockets are tracked so
 * that close() also ends connections a `hang` fault keeps open.
 *
 * The socket is opened before the sandbox is built: with port 0 only then is
 * the URL known, and CloudSSO URLs default to it (publicUrl).
 */
import type { AddressInfo, Socket } from 'node:net';
import { serve } from '@hono/node-server';
import { createSandbox, type Sandbox, type SandboxOptions } from './sandbox.ts';

export interface StartSandboxOptions extends SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the sandbox is for this machine only. */
  host?: string;
}

export interface RunningSandbox {
  /** Origin, no trailing slash, e.g. http://127.0.0.1:5174. */
  url: string;
  close(): Promise<void>;
  sandbox: Sandbox;
}

export async function startSandbox(opts: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const host = opts.host ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  let sandbox: Sandbox | undefined;

  // Until the sandbox exists (a moment after listening) any request is told to come back.
  const fetchLater: Sandbox['app']['fetch'] = (req, env, ctx) =>
    sandbox ? sandbox.app.fetch(req, env, ctx) : new Response(null, { status: 503 });

  let server: ReturnType<typeof serve>;
  const info = await new Promise<AddressInfo>((resolve, reject) => {
    server = serve({ fetch: fetchLater, port: opts.port ?? 0, hostname: host }, resolve);
    server.once('error', reject);
  });
  const srv = server!;
  srv.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  const origin = host.includes(':') ? `[${host}]` : host;
  const url = `http://${origin}:${info.port}`;
  try {
    sandbox = createSandbox({ ...opts, publicUrl: opts.publicUrl ?? url });
  } catch (err) {
    await new Promise<void>((resolve) => srv.close(() => resolve()));
    throw err;
  }
  const built = sandbox;
  let closing: Promise<void> | undefined;
  return {
    url,
    sandbox: built,
    close() {
      closing ??= new Promise<void>((resolve) => {
        srv.close(() => resolve());
        // Idle keep-alive and hanging requests would otherwise hold close() open forever.
        for (const socket of sockets) socket.destroy();
        sockets.clear();
      }).then(() => built.close());
      return closing;
    },
  };
}

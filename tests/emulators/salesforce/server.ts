/**
 * The loopback HTTP server: reads each request, runs it through the pipeline, writes the reply (or cuts the
 * connection when the fault plan says so) and records the call. Listens on 127.0.0.1 only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { adminRequest, ADMIN_PREFIX } from './http/admin.js';
import { handle } from './http/pipeline.js';
import type { Reply } from './http/reply.js';
import type { EmulatorState } from './state.js';

export const LOOPBACK = '127.0.0.1';

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, reply: Reply, cutMidBody: boolean): void {
  const body = Buffer.from(reply.body, 'utf8');
  response.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(body.length) });
  if (cutMidBody) response.write(body.subarray(0, Math.floor(body.length / 2)), () => response.socket?.destroy());
  else response.end(body);
}

async function serve(request: IncomingMessage, response: ServerResponse, state: EmulatorState, afterCall: () => void): Promise<void> {
  const body = await readBody(request);
  const url = new URL(request.url ?? '/', state.url);
  const method = (request.method ?? 'GET').toUpperCase();
  if (url.pathname.startsWith(ADMIN_PREFIX)) {
    send(response, adminRequest(method, url.pathname, url.searchParams, body, state), false);
    return;
  }
  const outcome = handle({ method, path: url.pathname, query: url.searchParams, headers: request.headers, body }, state);
  state.calls.record({
    method,
    endpoint: outcome.endpoint,
    path: url.pathname,
    status: outcome.drop === 'before' || outcome.drop === 'after' ? 0 : outcome.reply.status,
    apiCounted: outcome.apiCounted,
    ...(outcome.fault === undefined ? {} : { fault: outcome.fault }),
  });
  if (outcome.drop === 'before' || outcome.drop === 'after') request.socket.destroy();
  else send(response, outcome.reply, outcome.drop === 'midBody');
  afterCall();
}

export async function listen(state: EmulatorState, port: number, afterCall: () => void): Promise<Server> {
  const server = createServer((request, response) => {
    serve(request, response, state, afterCall).catch((error: unknown) => {
      if (!response.headersSent) {
        response.writeHead(500, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify([{ errorCode: 'UNKNOWN_EXCEPTION', message: String(error) }]));
      }
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => resolve());
  });
  const address = server.address() as AddressInfo;
  state.url = `http://${LOOPBACK}:${address.port}`;
  return server;
}

import { STATUS_CODES } from 'node:http';
import { type Duplex } from 'node:stream';
import { ApiError, problemOf } from '../http/problem';
import { type Limits } from './limits';

/** How often Node looks for requests past their time-out: a quarter of the shortest (Node's default is 30 s). */
const checkingInterval = (limits: Limits): number => {
  const shortest = Math.min(...[limits.headersTimeoutMs, limits.requestTimeoutMs].filter((ms) => ms > 0), 120_000);
  return Math.max(100, Math.floor(shortest / 4));
};

const clientErrors: Readonly<Record<string, readonly [number, string, string]>> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST.TIMEOUT', 'the request did not arrive in time: its headers and body must be sent within the time-out'],
  HPE_HEADER_OVERFLOW: [431, 'REQUEST.HEADERS_TOO_LARGE', 'the request headers are too large'],
};

/**
 * A request that never became one (timed out while arriving, malformed HTTP): a problem document, then the
 * socket is closed. Nothing is written once a response has begun.
 */
export const clientErrorHandler = (error: NodeJS.ErrnoException, socket: Duplex): void => {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, detail] = clientErrors[error.code ?? ''] ?? [400, 'REQUEST.MALFORMED', 'the request is not valid HTTP'];
  const responding = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (socket.writable && !responding) {
    const body = JSON.stringify(problemOf(new ApiError(status, code, detail)));
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }
  socket.destroy(error);
};

/**
 * Fastify's server options for the time-outs. The request time-out covers receiving a request — headers and
 * body — and ends when it has arrived, so a long answer (an event stream, a report) is never cut by it. No
 * socket inactivity time-out: an event stream to a paused reader is idle by design (it is paced by TCP).
 */
export const serverTimeouts = (limits: Limits) => ({
  requestTimeout: limits.requestTimeoutMs,
  keepAliveTimeout: limits.idleTimeoutMs,
  connectionTimeout: 0,
  http: { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, keepAliveTimeout: limits.idleTimeoutMs, connectionsCheckingInterval: checkingInterval(limits) },
  clientErrorHandler,
});

import { type FastifyRequest } from 'fastify';

/**
 * A signal that fires when the client closes the request before its answer: work only it was waiting for
 * (a statistics scan) can stop. Node closes the request once the answer is sent too; by then nothing listens.
 */
export const clientGone = (request: FastifyRequest): AbortSignal => {
  const gone = new AbortController();
  if (request.raw.destroyed) gone.abort();
  else request.raw.once('close', () => gone.abort());
  return gone.signal;
};

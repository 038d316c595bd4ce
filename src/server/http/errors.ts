/**
 * Every non-2xx answer has the ApiError shape of src/shared/sync-protocol.ts:
 * { error: { reason, message, current?, fields? } }.
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { RefusalCode } from '../../shared/refusal-codes.js';
import type { ApiError } from '../../shared/sync-protocol.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    /** One of src/shared/refusal-codes.ts: the console shows it in the person's language, the message only in its log. */
    readonly reason: RefusalCode,
    message: string,
    readonly extra: { current?: unknown; fields?: Record<string, string> } = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }

  body(): ApiError {
    return { error: { reason: this.reason, message: this.message, ...this.extra } };
  }
}

export const notFound = (what: string): HttpError => new HttpError(404, 'not_found', `${what} does not exist.`);

/** A 400 naming each bad field, from a zod error (path "a.b" -> message). */
export function invalidBody(error: z.ZodError, message = 'The request body is invalid.'): HttpError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join('.') : '(body)';
    fields[key] ??= issue.message;
  }
  return new HttpError(400, 'invalid_body', message, { fields });
}

/** Maps our errors, fastify's own (bad JSON, body too large) and crashes to the ApiError shape. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    if (err instanceof HttpError) {
      void reply.code(err.status).headers(err.headers).send(err.body());
      return;
    }
    const status =
      typeof (err as { statusCode?: unknown }).statusCode === 'number'
        ? (err as { statusCode: number }).statusCode
        : 500;
    if (status >= 500) request.log.error(err);
    const reason: RefusalCode = status === 413 ? 'payload_too_large' : status < 500 ? 'bad_request' : 'internal_error';
    const message = status < 500 ? (err as Error).message : 'The server failed to handle the request.';
    void reply.code(status).send({ error: { reason, message } });
  });
  app.setNotFoundHandler((request, reply) => {
    const reason: RefusalCode = 'not_found';
    void reply.code(404).send({
      error: { reason, message: `No route ${request.method} ${request.url.split('?')[0] ?? ''}.` },
    });
  });
}

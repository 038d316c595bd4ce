/**
 * /v1/_test/*: the BackendAdmin over HTTP, for benchmarks and e2e runs that
 * start the backend in a child process. Registered only with
 * `testEndpoints: true`; no token needed (never enable outside tests).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { EntityKind } from '../../shared/entities.js';
import { API_PREFIX } from '../../shared/sync-protocol.js';
import type { BackendContext } from '../context.js';
import { invalidBody } from '../http/errors.js';

const T = `${API_PREFIX}/_test`;

const FaultPatch = z
  .object({
    latencyMs: z.number().int().min(0).max(60_000),
    errorRate: z.number().min(0).max(1),
    dropRate: z.number().min(0).max(1),
    truncateRate: z.number().min(0).max(1),
    trickleBytesPerSecond: z.number().min(0),
    seed: z.number().int(),
  })
  .partial()
  .strict();

function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const r = schema.safeParse(body ?? {});
  if (!r.success) throw invalidBody(r.error);
  return r.data;
}

export function registerTestRoutes(app: FastifyInstance, ctx: BackendContext): void {
  app.put(`${T}/faults`, (request) => {
    ctx.faults.set(parse(FaultPatch, request.body));
    return { faults: ctx.faults.current };
  });
  app.get(`${T}/checksums`, () => ctx.admin.checksums());
  app.get(`${T}/head`, async () => ({ head: await ctx.admin.head() }));
  app.post(`${T}/tickets/bulk-update`, (request) => {
    const { count } = parse(z.object({ count: z.number().int().min(1).max(1_000_000) }), request.body);
    return ctx.admin.bulkUpdateTickets(count);
  });
  app.post(`${T}/tickets`, async (request, reply) => {
    const partial = parse(z.record(z.string(), z.unknown()), request.body);
    return reply.code(201).send(await ctx.admin.createTicket(partial));
  });
  // A missing ticket is a 404 from the admin itself, checked inside its write (see admin.updateTicket).
  app.patch<{ Params: { id: string } }>(`${T}/tickets/:id`, (request) =>
    ctx.admin.updateTicket(request.params.id, parse(z.record(z.string(), z.unknown()), request.body)),
  );
  app.post<{ Params: { id: string } }>(`${T}/tickets/:id/recategorise`, (request) => {
    const { categoryId } = parse(z.object({ categoryId: z.string().min(1) }), request.body);
    return ctx.admin.recategorise(request.params.id, categoryId);
  });
  app.delete<{ Params: { kind: string; id: string } }>(`${T}/records/:kind/:id`, async (request) => {
    const kind = parse(EntityKind, request.params.kind);
    return { deleted: await ctx.admin.deleteRecord(kind, request.params.id) };
  });
  app.put<{ Params: { kind: string; id: string } }>(`${T}/records/:kind/:id`, async (request) => {
    const kind = parse(EntityKind, request.params.kind);
    await ctx.admin.writeUnchecked(kind, request.params.id, parse(z.record(z.string(), z.unknown()), request.body));
    return { head: await ctx.admin.head() };
  });
}

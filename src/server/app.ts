/** The Fastify instance: plugins, error shape, faults, and every route. */
import multipart from '@fastify/multipart';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { BackendContext } from './context.js';
import { installFaults } from './faults.js';
import { installErrorHandlers } from './http/errors.js';
import { registerAttachmentRoutes } from './routes/attachments.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerChangeRoutes } from './routes/changes.js';
import { registerDocumentRoutes } from './routes/documents.js';
import { registerEventRoutes } from './routes/events.js';
import { registerIntakeRoutes } from './routes/intake.js';
import { registerMutationRoutes } from './routes/mutations.js';
import { registerPresenceRoutes } from './routes/presence.js';
import { registerTestRoutes } from './routes/test-endpoints.js';

/** A route as "METHOD /path", path parameters as `:name` (e.g. "GET /v1/documents/:id"). */
export type RouteName = string;

/** The app and every route it serves (HEAD twins of GET routes left out: they run the same handler). */
export async function buildApp(
  ctx: BackendContext,
  opts: { testEndpoints: boolean },
): Promise<{ app: FastifyInstance; routes: readonly RouteName[] }> {
  const app = Fastify({
    logger: false,
    // Idle keep-alive sockets must not hold close() up; SSE streams are ended by the push hub first.
    forceCloseConnections: true,
  });
  const routes: RouteName[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push(`${method} ${route.url}`);
  });
  await app.register(multipart, { limits: { fileSize: ctx.maxUploadBytes } });
  installErrorHandlers(app);
  installFaults(app, ctx.faults);
  registerAuthRoutes(app, ctx);
  registerChangeRoutes(app, ctx);
  registerEventRoutes(app, ctx);
  registerMutationRoutes(app, ctx);
  registerDocumentRoutes(app, ctx);
  registerAttachmentRoutes(app, ctx);
  registerIntakeRoutes(app, ctx);
  registerPresenceRoutes(app, ctx);
  if (opts.testEndpoints) registerTestRoutes(app, ctx);
  app.addHook('preClose', (done) => {
    ctx.presence.close();
    ctx.push.closeAll();
    done();
  });
  return { app, routes };
}

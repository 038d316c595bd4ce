/** The Fastify instance: plugins, error shape, faults, and every route. */
import multipart from '@fastify/multipart';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { BackendContext } from './context.js';
import { installFaults } from './faults.js';
import { installErrorHandlers } from './http/errors.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerChangeRoutes } from './routes/changes.js';
import { registerDocumentRoutes } from './routes/documents.js';
import { registerEventRoutes } from './routes/events.js';
import { registerIntakeRoutes } from './routes/intake.js';
import { registerMutationRoutes } from './routes/mutations.js';
import { registerTestRoutes } from './routes/test-endpoints.js';

export async function buildApp(ctx: BackendContext, opts: { testEndpoints: boolean }): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    // Idle keep-alive sockets must not hold close() up; SSE streams are ended by the push hub first.
    forceCloseConnections: true,
  });
  await app.register(multipart, { limits: { fileSize: ctx.maxUploadBytes } });
  installErrorHandlers(app);
  installFaults(app, ctx.faults);
  registerAuthRoutes(app, ctx);
  registerChangeRoutes(app, ctx);
  registerEventRoutes(app, ctx);
  registerMutationRoutes(app, ctx);
  registerDocumentRoutes(app, ctx);
  registerIntakeRoutes(app, ctx);
  if (opts.testEndpoints) registerTestRoutes(app, ctx);
  app.addHook('preClose', (done) => {
    ctx.push.closeAll();
    done();
  });
  return app;
}

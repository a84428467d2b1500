import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { Clock } from '@posops/kernel';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
  type RawServerDefault,
} from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppConfig } from '../config';
import type { Db } from '../db/database';
import { scopedDb } from '../db/org-scope';
import { installMetrics } from '../metrics';
import { installAuthGuard, type RegisteredRoute, type SessionLookup } from './auth-guard';
import type { ServiceContext } from './context';
import { installErrorHandler } from './errors';
import { installIdempotency } from './idempotency';

export interface AppDeps {
  config: AppConfig;
  db: Db;
  clock: Clock;
  health: () => Promise<{ ok: boolean; checks: Record<string, string> }>;
  lookupSession: (token: string, request: FastifyRequest) => Promise<SessionLookup>;
  /** Each business module's routes, registered as one plugin each. */
  modules: ((app: ZodApp) => Promise<void>)[];
  logger?: boolean | object;
}

export type ZodApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface PosOpsApp {
  app: FastifyInstance;
  routes: RegisteredRoute[];
}

const here = path.dirname(fileURLToPath(import.meta.url));
const defaultConsoleDir = path.resolve(here, '../../../../console/dist');

/** Builds the HTTP application (no listening): used by main.ts and by every test. */
export async function buildApp(deps: AppDeps): Promise<PosOpsApp> {
  const { config } = deps;
  const app = Fastify({
    logger: deps.logger ?? {
      level: config.LOG_LEVEL,
      redact: {
        paths: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
        remove: true,
      },
    },
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(fastifyCookie);
  const routes = installAuthGuard(app, deps.lookupSession);
  installIdempotency(app, deps.db);
  installMetrics(app);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'PosOps API',
        version: '0.1.0',
        description:
          'Operations platform for POS acquiring. Cookie session from POST /api/auth/login; every write needs the x-csrf-token header from the login answer.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'posops_sid' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  const zapp: ZodApp = app.withTypeProvider<ZodTypeProvider>();
  zapp.get(
    '/api/health',
    { config: { access: 'public' }, schema: { tags: ['ops'], summary: 'Liveness and readiness' } },
    async (_request, reply) => {
      const result = await deps.health();
      reply.status(result.ok ? 200 : 503);
      return { status: result.ok ? 'ok' : 'unavailable', checks: result.checks };
    },
  );
  zapp.get(
    '/api/health/live',
    {
      config: { access: 'public' },
      schema: { tags: ['ops'], summary: 'Liveness: the process answers (no database call)' },
    },
    async () => ({ status: 'ok' }),
  );
  zapp.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  for (const register of deps.modules) {
    await app.register(async (scope) => register(scope.withTypeProvider<ZodTypeProvider>()));
  }

  const consoleDir = config.CONSOLE_DIR ? path.resolve(config.CONSOLE_DIR) : defaultConsoleDir;
  const hasConsole = existsSync(path.join(consoleDir, 'index.html'));
  if (hasConsole) {
    // wildcard: files are looked up per request, so a rebuilt console is served without a restart.
    await app.register(fastifyStatic, { root: consoleDir, wildcard: true, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    // Only page routes fall back to the console; a missing asset (an old build's chunk) is a plain 404.
    const isAsset = url.startsWith('/assets/') || /\.[a-z0-9]{1,8}$/i.test(url);
    if (url.startsWith('/api/') || url === '/metrics' || request.method !== 'GET' || !hasConsole || isAsset) {
      return reply.status(404).send({ code: 'NOT_FOUND', message: `no route ${request.method} ${url}` });
    }
    return reply.sendFile('index.html');
  });
  return { app, routes };
}

/** The service context of an authenticated request: org-scoped connection, actor, origin. */
export function contextOf(
  request: FastifyRequest,
  deps: { db: Db; clock: Clock; config: AppConfig },
): ServiceContext {
  const actor = request.actor;
  if (!actor) throw new Error('contextOf called on a request without an actor');
  return {
    db: scopedDb(deps.db, { orgId: actor.orgId, orgPath: actor.orgPath }),
    system: deps.db,
    actor,
    ip: request.ip ?? null,
    requestId: request.id,
    clock: deps.clock,
    config: deps.config,
  };
}

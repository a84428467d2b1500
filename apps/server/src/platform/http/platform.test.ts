import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app';
import { loadConfig } from '../config';
import { type AppDeps, buildApp, type ZodApp } from './app';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app?.stop();
});

describe('operations endpoints', () => {
  it('answers the health check with status ok and the state of the database and migrations', async () => {
    const response = await app.client().get('/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', checks: { database: 'ok', migrations: 'current' } });
  });

  it('exposes request durations by route for Prometheus on /metrics', async () => {
    await app.client().get('/api/health');
    const response = await app.client().get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = response.body as string;
    expect(text).toContain('# TYPE posops_http_request_duration_seconds histogram');
    expect(text).toMatch(
      /posops_http_request_duration_seconds_count\{method="GET",route="\/api\/health",status="200"\} [1-9]/,
    );
  });

  it('publishes an OpenAPI 3.1 document listing the routes', async () => {
    const response = await app.client().get('/api/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/api/users', '/api/auth/login', '/api/users/{id}']),
    );
    expect(response.body.paths['/api/auth/login'].post).toBeDefined();
    expect(response.body.paths['/api/users'].get).toBeDefined();
  });

  it('serves the API documentation as HTML', async () => {
    const response = await app.client().get('/api/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.body).toMatch(/<html/i);
  });

  it('answers an unknown /api path with a JSON 404 NOT_FOUND', async () => {
    const get = await app.client().get('/api/no-such-thing');
    expect(get.status).toBe(404);
    expect(get.headers.get('content-type')).toMatch(/^application\/json/);
    expect(get.body).toEqual({ code: 'NOT_FOUND', message: 'no route GET /api/no-such-thing' });
    const post = await app.client().post('/api/users/not-a-route/at-all', {});
    expect(post.status).toBe(404);
    expect(post.body.code).toBe('NOT_FOUND');
  });
});

describe('a module that forgets to declare access', () => {
  const depsWith = (register: (app: ZodApp) => Promise<void>): AppDeps => ({
    config: loadConfig({ LOG_LEVEL: 'silent', CONSOLE_DIR: '/nonexistent' }),
    db: app.db,
    clock: app.clock,
    logger: false,
    health: async () => ({ ok: true, checks: {} }),
    lookupSession: async () => ({ ok: false, reason: 'none' }),
    modules: [register],
  });

  it('builds when every /api route declares its access', async () => {
    const built = await buildApp(
      depsWith(async (scope) => {
        scope.get('/api/tiny', { config: { access: 'authenticated' } }, async () => ({ ok: true }));
      }),
    );
    expect(built.routes).toContainEqual({
      method: 'GET',
      url: '/api/tiny',
      access: 'authenticated',
      allowPending: false,
    });
    await built.app.close();
  });

  it('stops the server from starting when an /api route has no access', async () => {
    await expect(
      buildApp(
        depsWith(async (scope) => {
          scope.get('/api/tiny', async () => ({ ok: true }));
        }),
      ),
    ).rejects.toThrow('route GET /api/tiny declares no access (permission)');
  });

  it('stops the server from starting when an /api route names an unknown permission', async () => {
    await expect(
      buildApp(
        depsWith(async (scope) => {
          scope.post('/api/tiny', { config: { access: 'tiny.write' as 'org.read' } }, async () => ({}));
        }),
      ),
    ).rejects.toThrow('route POST /api/tiny names unknown permission tiny.write');
  });
});

describe('configuration from the environment', () => {
  it('defaults to port 3000, demo data on and business time in Asia/Shanghai', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DEMO).toBe(true);
    expect(config.TZ_BUSINESS).toBe('Asia/Shanghai');
    expect(config.SESSION_IDLE_MINUTES).toBe(15);
    expect(config.SESSION_ABSOLUTE_HOURS).toBe(12);
    expect(config.BODY_LIMIT_BYTES).toBe(1024 * 1024);
  });

  it('reads the variables it is given', () => {
    const secret = 's'.repeat(40);
    const config = loadConfig({
      PORT: '8080',
      DEMO: 'off',
      TZ_BUSINESS: 'Europe/Berlin',
      SECRET_KEY: secret,
      HOST_MASTER_KEY: 'ab'.repeat(32),
    });
    expect(config.HOST_MASTER_KEY).toBe('AB'.repeat(32));
    expect(config.SECRET_KEY).toBe(secret);
    expect(config.PORT).toBe(8080);
    expect(config.DEMO).toBe(false);
    expect(config.TZ_BUSINESS).toBe('Europe/Berlin');
  });

  it('rejects a bad PORT naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^Invalid configuration: PORT: /);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/^Invalid configuration: PORT: /);
  });

  it('rejects an unknown TZ_BUSINESS naming the variable', () => {
    expect(() => loadConfig({ TZ_BUSINESS: 'Mars/Olympus_Mons' })).toThrow(
      'Invalid configuration: TZ_BUSINESS: unknown time zone Mars/Olympus_Mons',
    );
  });

  it('needs a SECRET_KEY of its own outside demo mode, and refuses a short one', () => {
    expect(() => loadConfig({ DEMO: 'off' })).toThrow(
      /^Invalid configuration: SECRET_KEY: required when DEMO is off/,
    );
    expect(() => loadConfig({ SECRET_KEY: 'short' })).toThrow(/^Invalid configuration: SECRET_KEY: /);
    expect(loadConfig({}).SECRET_KEY.length).toBeGreaterThanOrEqual(32);
  });

  it('needs a HOST_MASTER_KEY of its own outside demo mode, 64 hexadecimal characters', () => {
    expect(() => loadConfig({ DEMO: 'off', SECRET_KEY: 's'.repeat(40) })).toThrow(
      /^Invalid configuration: HOST_MASTER_KEY: required when DEMO is off/,
    );
    expect(() => loadConfig({ HOST_MASTER_KEY: 'xyz' })).toThrow(/^Invalid configuration: HOST_MASTER_KEY: /);
    expect(loadConfig({}).HOST_MASTER_KEY).toMatch(/^[0-9A-F]{64}$/);
  });

  it('rejects a DEMO flag it cannot read', () => {
    expect(() => loadConfig({ DEMO: 'maybe' })).toThrow(/^Invalid configuration: DEMO: /);
  });
});

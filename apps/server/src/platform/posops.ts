import type { Clock } from '@posops/kernel';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { approvalRoutes, seedDefaultChains } from '../modules/approvals';
import { auditRoutes } from '../modules/audit';
import { createDocumentStorage, documentRoutes } from '../modules/documents';
import { createTerminalHost, type TerminalHost } from '../modules/host';
import {
  authRoutes,
  deleteExpiredSessions,
  disableDormantAccounts,
  identityRoutes,
  lookupSession,
  seedDefaultRoles,
  seedDemoActivity,
  seedDemoBank,
} from '../modules/identity';
import {
  applicationRoutes,
  applyDueChanges,
  blacklistRoutes,
  changeRoutes,
  contractRoutes,
  merchantRoutes,
  planInspections,
  portalRoutes,
  referenceRoutes,
  registerChangeApprovals,
  seedDemoMerchants,
} from '../modules/merchants';
import { notificationRoutes } from '../modules/notifications';
import { ratePlanRoutes, seedRatePlans } from '../modules/pricing';
import { createSoftwareSecurityModule } from '../modules/security';
import {
  checkLowStock,
  detectOfflineTerminals,
  registerProcurementApprovals,
  registerStocktakeApprovals,
  registerTerminalApprovals,
  runCampaigns,
  seedDemoTerminals,
  seedDemoUpgrades,
  seedTerminalCatalogue,
  terminalRoutes,
} from '../modules/terminals';
import { escalateOverdueWorkOrders, workOrderRoutes } from '../modules/workorders';
import type { AppConfig } from './config';
import type { Db } from './db/database';
import { migrateToLatest, pendingMigrations } from './db/migrate';
import { createDb, createPool } from './db/pool';
import { buildApp } from './http/app';
import type { RegisteredRoute } from './http/auth-guard';
import { deleteExpiredIdempotencyKeys } from './http/idempotency';
import type { ScheduledJob } from './jobs';
import type { ModuleDeps } from './module';

export interface PosOps {
  app: FastifyInstance;
  routes: RegisteredRoute[];
  db: Db;
  pool: pg.Pool;
  jobs: ScheduledJob[];
  demoSeeded: boolean;
  /** The ISO 8583 listener for terminals; the caller makes it listen (TERMINAL_PORT). */
  host: TerminalHost;
  close(): Promise<void>;
}

async function seedReferenceData(db: Db): Promise<void> {
  await seedDefaultRoles(db);
  await seedDefaultChains(db);
  await seedRatePlans(db);
}

/**
 * Composition root shared by main.ts and the tests: database → migrations → reference and demo data →
 * modules → HTTP app. Listening, the embedded database and the job runner stay with the caller.
 */
export async function createPosOps(
  config: AppConfig,
  databaseUrl: string,
  clock: Clock,
  options: {
    logger?: boolean | object /** Demo approvals waiting in the inbox (off in tests). */;
    demoActivity?: boolean;
  } = {},
): Promise<PosOps> {
  const pool = createPool(databaseUrl);
  const db = createDb(pool);
  try {
    await migrateToLatest(db as unknown as Kysely<unknown>);
    await seedReferenceData(db);
    const demoSeeded = config.DEMO ? await seedDemoBank(db) : false;
    const deps: ModuleDeps = { db, clock, config };
    // Approval outcomes reach the modules that asked (before the demo, which decides some).
    registerChangeApprovals(deps);
    registerTerminalApprovals();
    registerProcurementApprovals();
    registerStocktakeApprovals();
    const storage = await createDocumentStorage(config, `${config.DATA_DIR}/documents`);
    // Software keys for development and tests; an HSM implements the same interface.
    const security = createSoftwareSecurityModule(config.HOST_MASTER_KEY, {
      zonePinKeyHex: config.CHANNEL_ZPK,
    });
    if (demoSeeded) await seedTerminalCatalogue(db);
    if (demoSeeded && options.demoActivity !== false) {
      await seedDemoActivity({ db, clock, config });
      await seedDemoTerminals({ db, clock, config });
      await seedDemoMerchants({ db, clock, config }, storage, security);
      // 远程升级: releases and a campaign in its canary, on the units the demo merchants got.
      await seedDemoUpgrades({ db, clock, config });
    }
    const authDeps = { db, clock, config };
    const { app, routes } = await buildApp({
      config,
      db,
      clock,
      ...(options.logger !== undefined ? { logger: options.logger } : {}),
      lookupSession: (token) => lookupSession(authDeps, token),
      health: async (): Promise<{ ok: boolean; checks: Record<string, string> }> => {
        try {
          const pending = await pendingMigrations(db as unknown as Kysely<unknown>);
          return pending.length === 0
            ? { ok: true, checks: { database: 'ok', migrations: 'current' } }
            : { ok: false, checks: { database: 'ok', migrations: `pending: ${pending.join(', ')}` } };
        } catch (error) {
          return { ok: false, checks: { database: `unreachable: ${(error as Error).message}` } };
        }
      },
      modules: [
        authRoutes(deps),
        identityRoutes(deps),
        auditRoutes(deps),
        approvalRoutes(deps),
        notificationRoutes(deps),
        documentRoutes({ ...deps, storage }),
        applicationRoutes(deps),
        blacklistRoutes(deps),
        referenceRoutes(),
        merchantRoutes({ ...deps, security }),
        terminalRoutes(deps),
        workOrderRoutes(deps),
        changeRoutes(deps),
        ratePlanRoutes(deps),
        contractRoutes({ ...deps, storage }),
        portalRoutes({ ...deps, storage }),
      ],
    });
    // One log line per message at debug level (ids and codes only); refusals and failures at warn.
    const host = createTerminalHost(deps, security, (line) => {
      if (line.event === 'message') app.log.debug({ host: line }, 'terminal message');
      else app.log.warn({ host: line }, `terminal host: ${line.event}`);
    });
    if (config.CHANNEL_ADDRESS) {
      const [channelHost, channelPort] = config.CHANNEL_ADDRESS.split(':') as [string, string];
      host.useChannel({
        host: channelHost,
        port: Number(channelPort),
        macKeyHex: config.CHANNEL_MAC_KEY && config.CHANNEL_MAC_KEY !== 'off' ? config.CHANNEL_MAC_KEY : null,
        timeoutMs: config.CHANNEL_TIMEOUT_MS,
      });
    }
    const jobs: ScheduledJob[] = [
      {
        name: 'identity.dormant-accounts',
        cron: '30 2 * * *',
        run: () => disableDormantAccounts(db, clock.now()),
      },
      {
        name: 'identity.expired-sessions',
        cron: '*/15 * * * *',
        run: async () => {
          const now = clock.now();
          const idleCutoff = new Date(now.getTime() - config.SESSION_IDLE_MINUTES * 60_000);
          return Number((await deleteExpiredSessions(db, now, idleCutoff)).numDeletedRows);
        },
      },
      {
        name: 'http.idempotency-keys',
        cron: '15 * * * *',
        run: () => deleteExpiredIdempotencyKeys(db, clock.now()),
      },
      {
        // 变更生效: approved changes whose effective date has come (00:00 business time, then hourly
        // in case the server was down at midnight).
        name: 'merchants.effective-changes',
        cron: '0 * * * *',
        run: () => applyDueChanges(deps),
      },
      {
        name: 'merchants.inspection-plans',
        cron: '20 1 * * *',
        run: () => planInspections(deps),
      },
      {
        name: 'workorders.overdue',
        cron: '*/15 * * * *',
        run: () => escalateOverdueWorkOrders(deps),
      },
      {
        name: 'terminals.low-stock',
        cron: '10 * * * *',
        run: () => checkLowStock(deps),
      },
      {
        name: 'terminals.offline',
        cron: '*/5 * * * *',
        run: () => detectOfflineTerminals(deps),
      },
      {
        // 远程升级: time-outs, auto-pause on the health checks, canary → rollout, completion.
        name: 'terminals.campaigns',
        cron: '*/5 * * * *',
        run: () => runCampaigns(deps),
      },
      {
        name: 'audit.partitions',
        cron: '0 3 * * *',
        run: async () => {
          const { sql } = await import('kysely');
          await sql`SELECT ensure_audit_partitions(3)`.execute(db);
          await sql`SELECT ensure_transaction_partitions(3)`.execute(db);
        },
      },
    ];
    return {
      app,
      routes,
      db,
      pool,
      jobs,
      demoSeeded,
      host,
      close: async () => {
        await host.close();
        await app.close();
        await db.destroy();
      },
    };
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
}

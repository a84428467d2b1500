import path from 'node:path';
import { z } from 'zod';

const flag = z
  .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'])
  .transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

/** Every setting of the server, from environment variables with defaults that run (README table). */
const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).optional(),
  DEMO: flag.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TZ_BUSINESS: z.string().default('Asia/Shanghai'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  TOTP_FOR_PRIVILEGED: flag.default(true),
  TRUST_PROXY: flag.default(false),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  /** Largest uploaded document (ID card photo, licence scan, PDF), in bytes. */
  DOCUMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  CONSOLE_DIR: z.string().optional(),
  JOBS: flag.default(true),
  /** The acquirer's 3-digit code, the first part of every MID. */
  ACQUIRER_CODE: z
    .string()
    .regex(/^\d{3}$/, 'three digits')
    .default('898'),
  /**
   * The host master key (主密钥) the software security module keeps terminal master keys under: 64 hex
   * characters (256 bits). Required when DEMO is off; demo mode uses a published one.
   */
  HOST_MASTER_KEY: z
    .string()
    .regex(/^[0-9A-Fa-f]{64}$/, '64 hexadecimal characters')
    .optional(),
  /**
   * Bearer token of the internal API (heartbeats from the terminal host). Unset: the internal API is
   * closed. Demo mode uses a published one.
   */
  INTERNAL_API_TOKEN: z.string().min(32, 'at least 32 characters').optional(),
  /** 终端接入: the ISO 8583 listener for POS terminals (0 picks a free port, as tests do). */
  TERMINAL_PORT: z.coerce.number().int().min(0).max(65535).default(8583),
  /** A terminal connection silent this long is closed. */
  TERMINAL_IDLE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  /** A frame longer than this closes the connection (the protocol's longest message is well below). */
  TERMINAL_MAX_FRAME_BYTES: z.coerce.number().int().min(256).max(65535).default(4096),
  /** Open connections per remote address (many terminals may share one NAT address). */
  TERMINAL_MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(1000),
  /** Messages of one connection being handled at once; reading pauses beyond (backpressure). */
  TERMINAL_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(1000).default(32),
  /** Demo mode: run the channel simulator beside the server (its port: CHANNEL_PORT, 9583 by default). */
  CHANNEL_SIMULATOR: flag.default(true),
  /** A bound terminal silent this long is offline (离线告警). */
  TERMINAL_OFFLINE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(30),
  /** A terminal reporting a position farther than this from its install address has moved (移机告警). */
  TERMINAL_RELOCATION_METERS: z.coerce.number().int().min(50).max(1_000_000).default(500),
  /**
   * 升级任务自动暂停: a running campaign pauses when the offline rate of its upgraded terminals exceeds
   * that of its terminals not yet upgraded by more than this (a share, 0.05 = 5 points).
   */
  CAMPAIGN_MAX_OFFLINE_RATE: z.coerce.number().min(0).max(1).default(0.05),
  /** The same for the decline rate of their transactions (measured once transactions exist). */
  CAMPAIGN_MAX_DECLINE_RATE: z.coerce.number().min(0).max(1).default(0.02),
  /** 灰度通过: the share of the canary terminals that must report the new version before the rollout. */
  CAMPAIGN_CANARY_SUCCESS_SHARE: z.coerce.number().min(0.01).max(1).default(0.95),
  /** …and how long after the last canary upgrade the job watches before it opens the rollout. */
  CAMPAIGN_CANARY_SOAK_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(60),
  /** A terminal offered an upgrade that does not report the new version within this long has failed. */
  CAMPAIGN_UPGRADE_TIMEOUT_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(30 * 24)
    .default(48),
  /** No upgrade is offered in the last minutes before a merchant opens (an upgrade takes a while). */
  CAMPAIGN_WINDOW_MARGIN_MINUTES: z.coerce.number().int().min(0).max(180).default(30),
  /**
   * 定期巡检 interval by risk grade, in months, e.g. "A=12,B=6,C=3,D=1"; unset: each merchant's own (its
   * grade's policy when it was assessed).
   */
  INSPECTION_MONTHS: z
    .string()
    .regex(/^([ABCD]=\d{1,2})(,[ABCD]=\d{1,2})*$/, 'grade=months pairs, e.g. A=12,B=6,C=3,D=1')
    .transform(
      (v) =>
        Object.fromEntries(v.split(',').map((pair) => [pair[0], Number(pair.slice(2))])) as Partial<
          Record<'A' | 'B' | 'C' | 'D', number>
        >,
    )
    .optional(),
  /**
   * 工单时限 (SLA) by kind, in hours, e.g. "install=72,repair=24"; kinds not named keep their default
   * (install 72, repair 24, inspection 336, relocation 48, retrieval 48).
   */
  WORK_ORDER_SLA_HOURS: z
    .string()
    .regex(
      /^((install|inspection|repair|relocation|retrieval)=\d{1,4})(,(install|inspection|repair|relocation|retrieval)=\d{1,4})*$/,
      'kind=hours pairs, e.g. install=72,repair=24',
    )
    .transform(
      (v) =>
        Object.fromEntries(
          v.split(',').map((pair) => {
            const [kind, hours] = pair.split('=');
            return [kind, Number(hours)];
          }),
        ) as Partial<Record<'install' | 'inspection' | 'repair' | 'relocation' | 'retrieval', number>>,
    )
    .refine((sla) => Object.values(sla).every((h) => h >= 1), 'at least 1 hour each')
    .optional(),
  /** Key for the keyed hashes that match ID, account and phone numbers without keeping them in clear. */
  SECRET_KEY: z.string().min(32, 'at least 32 characters').optional(),
  /** Where document bytes live: `local` (DATA_DIR/documents) or `s3` (an S3-compatible bucket). */
  DOCUMENT_STORAGE: z.enum(['local', 's3']).default('local'),
  /** The S3 service's URL (MinIO, Ceph, OSS, COS …); unset for AWS S3 itself. */
  S3_ENDPOINT: z
    .url({ protocol: /^https?$/, error: 'an http:// or https:// URL' })
    .refine((u) => !/^https?:\/\/[^/]*@/i.test(u), {
      error: 'no user or password in the URL: use S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY',
    })
    .optional(),
  S3_REGION: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/, 'letters, digits and hyphens, e.g. us-east-1')
    .default('us-east-1'),
  S3_BUCKET: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      '3 to 63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit',
    )
    .optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Folder of the documents inside the bucket (`posops/documents`): no leading or trailing slash. */
  S3_PREFIX: z
    .string()
    .max(512)
    .refine(
      (prefix) =>
        prefix
          .split('/')
          .every((segment) => /^[A-Za-z0-9!_.*'()-]+$/.test(segment) && !/^\.\.?$/.test(segment)),
      {
        error:
          "segments of letters, digits and ! _ . * ' ( ) - separated by single slashes; no leading or trailing slash, no . or .. segment",
      },
    )
    .optional(),
  /** The channel (acquiring bank / card scheme) the host sends financial requests to, `host:port`. */
  CHANNEL_ADDRESS: z
    .string()
    .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'host:port, e.g. 10.0.0.5:9583')
    .optional(),
  /** Zone MAC key of the channel link (32 hex digits), or `off`. Demo: the simulator's published key. */
  CHANNEL_MAC_KEY: z
    .string()
    .regex(/^([0-9A-Fa-f]{32}|off)$/, '32 hexadecimal characters, or off')
    .optional(),
  /** Zone PIN key PINs are translated to for the channel (32 hex digits). Demo: a published key. */
  CHANNEL_ZPK: z
    .string()
    .regex(/^[0-9A-Fa-f]{32}$/, '32 hexadecimal characters')
    .optional(),
  /** How long the host waits for the channel's answer before it declines 91 and reverses. */
  CHANNEL_TIMEOUT_MS: z.coerce.number().int().min(50).max(120_000).default(30_000),
  /** Path-style URLs (`endpoint/bucket/key`), as MinIO and most self-hosted services need. */
  S3_FORCE_PATH_STYLE: flag.default(true),
});

export type AppConfig = Omit<z.infer<typeof configSchema>, 'DATA_DIR' | 'SECRET_KEY' | 'HOST_MASTER_KEY'> & {
  DATA_DIR: string;
  SECRET_KEY: string;
  HOST_MASTER_KEY: string;
};

/** Demo mode only: a published key, so a demo database opens anywhere. Never in production. */
const DEMO_SECRET_KEY = 'posops-demo-secret-key-do-not-use-in-production';
const DEMO_HOST_MASTER_KEY = '0123456789abcdef'.repeat(4);
const DEMO_INTERNAL_API_TOKEN = 'posops-demo-internal-token-do-not-use-in-production';
/** The channel simulator's published zone keys (docs/channel-protocol.md): demo mode only. */
const DEMO_ZONE_MAC_KEY = '4A2C7E19B53D8F60E1A4C72B9D3F5086';
const DEMO_ZONE_PIN_KEY = '1C4E7A2D9B3F6081E5A7C2D4F6B80913';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.fromEntries(
    Object.keys(configSchema.shape)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const parsed = configSchema.safeParse(known);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: parsed.data.TZ_BUSINESS });
  } catch {
    throw new Error(`Invalid configuration: TZ_BUSINESS: unknown time zone ${parsed.data.TZ_BUSINESS}`);
  }
  const s3Keys = [
    'S3_ENDPOINT',
    'S3_BUCKET',
    'S3_ACCESS_KEY_ID',
    'S3_SECRET_ACCESS_KEY',
    'S3_PREFIX',
  ] as const;
  const strayS3 = s3Keys.filter((key) => parsed.data[key] !== undefined);
  if (parsed.data.DOCUMENT_STORAGE === 'local' && strayS3.length > 0) {
    // Someone meant the bucket and forgot the switch: refuse rather than store on the local disk unawares.
    throw new Error(
      `Invalid configuration: ${strayS3.join(', ')} set but DOCUMENT_STORAGE is local: set DOCUMENT_STORAGE=s3, or remove them`,
    );
  }
  if (parsed.data.DOCUMENT_STORAGE === 's3') {
    const required = ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;
    const missing = required.filter((key) => parsed.data[key] === undefined);
    if (missing.length > 0) {
      throw new Error(`Invalid configuration: DOCUMENT_STORAGE=s3 also needs ${missing.join(', ')}`);
    }
  }
  const secretKey = parsed.data.SECRET_KEY ?? (parsed.data.DEMO ? DEMO_SECRET_KEY : undefined);
  if (!secretKey) {
    throw new Error(
      'Invalid configuration: SECRET_KEY: required when DEMO is off (at least 32 random characters)',
    );
  }
  const hostMasterKey = parsed.data.HOST_MASTER_KEY ?? (parsed.data.DEMO ? DEMO_HOST_MASTER_KEY : undefined);
  if (!hostMasterKey) {
    throw new Error(
      'Invalid configuration: HOST_MASTER_KEY: required when DEMO is off (64 hexadecimal characters from a key ceremony)',
    );
  }
  return {
    ...parsed.data,
    INTERNAL_API_TOKEN:
      parsed.data.INTERNAL_API_TOKEN ?? (parsed.data.DEMO ? DEMO_INTERNAL_API_TOKEN : undefined),
    DATA_DIR: path.resolve(parsed.data.DATA_DIR),
    SECRET_KEY: secretKey,
    HOST_MASTER_KEY: hostMasterKey.toUpperCase(),
    CHANNEL_MAC_KEY: parsed.data.CHANNEL_MAC_KEY ?? (parsed.data.DEMO ? DEMO_ZONE_MAC_KEY : undefined),
    CHANNEL_ZPK: parsed.data.CHANNEL_ZPK ?? (parsed.data.DEMO ? DEMO_ZONE_PIN_KEY : undefined),
  };
}

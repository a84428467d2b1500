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
  /** Key for the keyed hashes that match ID, account and phone numbers without keeping them in clear. */
  SECRET_KEY: z.string().min(32, 'at least 32 characters').optional(),
});

export type AppConfig = Omit<z.infer<typeof configSchema>, 'DATA_DIR' | 'SECRET_KEY'> & {
  DATA_DIR: string;
  SECRET_KEY: string;
};

/** Demo mode only: a published key, so a demo database opens anywhere. Never in production. */
const DEMO_SECRET_KEY = 'posops-demo-secret-key-do-not-use-in-production';

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
  const secretKey = parsed.data.SECRET_KEY ?? (parsed.data.DEMO ? DEMO_SECRET_KEY : undefined);
  if (!secretKey) {
    throw new Error(
      'Invalid configuration: SECRET_KEY: required when DEMO is off (at least 32 random characters)',
    );
  }
  return { ...parsed.data, DATA_DIR: path.resolve(parsed.data.DATA_DIR), SECRET_KEY: secretKey };
}

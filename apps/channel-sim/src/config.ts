import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type ClearingEncoding, clearingEncodings } from './clearing-file';
import { type HotlistCode, parseCutoff, parseHotlist } from './sandbox';
import type { ChannelSimulatorOptions } from './simulator';

/**
 * The simulator's settings from environment variables (table in docs/channel-protocol.md), with
 * defaults that run. Only for a simulator: its MAC key has a published default.
 */

/** The demo zone MAC key (ZAK) of the host↔channel link: simulator and demo mode only, never production. */
export const DEMO_ZONE_MAC_KEY = '4A2C7E19B53D8F60E1A4C72B9D3F5086';

export const DEFAULT_CHANNEL_PORT = 9583;

type Env = Record<string, string | undefined>;

const flag = (env: Env, name: string, fallback: boolean): boolean => {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  if (['1', 'true', 'on', 'yes'].includes(v)) return true;
  if (['0', 'false', 'off', 'no'].includes(v)) return false;
  throw new Error(`${name}: on or off, not ${v}`);
};

const integer = (env: Env, name: string, fallback: number, min: number, max: number): number => {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max)
    throw new Error(`${name}: a whole number ${min}–${max}`);
  return Number(v);
};

export type ChannelEnvOptions = ChannelSimulatorOptions & { logLevel: string };

export function channelOptionsFromEnv(env: Env = process.env): ChannelEnvOptions {
  const macKey = env.CHANNEL_MAC_KEY ?? DEMO_ZONE_MAC_KEY;
  if (macKey !== 'off' && !/^[0-9A-Fa-f]{32}$/.test(macKey))
    throw new Error('CHANNEL_MAC_KEY: 32 hexadecimal digits, or off');
  const hotlist: Array<[string, HotlistCode]> = [];
  if (env.CHANNEL_HOTLIST) hotlist.push(...parseHotlist(env.CHANNEL_HOTLIST));
  if (env.CHANNEL_HOTLIST_FILE) hotlist.push(...parseHotlist(readFileSync(env.CHANNEL_HOTLIST_FILE, 'utf8')));
  const encoding = (env.CHANNEL_CLEARING_ENCODING ?? 'utf8') as ClearingEncoding;
  if (!clearingEncodings.includes(encoding))
    throw new Error(`CHANNEL_CLEARING_ENCODING: ${clearingEncodings.join(', ')}`);
  const feeCap = env.CHANNEL_FEE_CAP_FEN ?? '1625';
  if (feeCap !== 'none' && !/^\d{1,12}$/.test(feeCap)) throw new Error('CHANNEL_FEE_CAP_FEN: fen, or none');
  const institutionCode = env.CHANNEL_INSTITUTION_CODE ?? '00010000';
  if (!/^\d{4,11}$/.test(institutionCode)) throw new Error('CHANNEL_INSTITUTION_CODE: 4 to 11 digits');
  return {
    port: integer(env, 'CHANNEL_PORT', DEFAULT_CHANNEL_PORT, 0, 65535),
    host: env.CHANNEL_HOST || '127.0.0.1',
    dataDir: env.CHANNEL_DATA_DIR || path.join(env.DATA_DIR || './data', 'channel'),
    macKeyHex: macKey === 'off' ? null : macKey,
    lateMs: integer(env, 'CHANNEL_LATE_MS', 35_000, 0, 600_000),
    idleMs: integer(env, 'CHANNEL_IDLE_SECONDS', 180, 1, 86_400) * 1000,
    maxFrameBytes: integer(env, 'CHANNEL_MAX_FRAME_BYTES', 4096, 64, 65_535),
    maxConnections: integer(env, 'CHANNEL_MAX_CONNECTIONS', 256, 1, 100_000),
    hotlist,
    rules: {
      timeZone: env.CHANNEL_TZ || env.TZ_BUSINESS || 'Asia/Shanghai',
      cutoffMinutes: parseCutoff(env.CHANNEL_CUTOFF || '23:00'),
      retentionDays: integer(env, 'CHANNEL_RETENTION_DAYS', 60, 1, 300),
      preauthDays: integer(env, 'CHANNEL_PREAUTH_DAYS', 30, 1, 365),
      completionTolerancePct: integer(env, 'CHANNEL_COMPLETION_TOLERANCE_PCT', 15, 0, 100),
    },
    clearing: {
      institutionCode,
      institutionName: env.CHANNEL_INSTITUTION_NAME || 'PosOps 模拟清算通道',
      feePpm: integer(env, 'CHANNEL_FEE_PPM', 3825, 0, 100_000),
      feeCapFen: feeCap === 'none' ? null : BigInt(feeCap),
    },
    fsync: flag(env, 'CHANNEL_FSYNC', false),
    autoClearing: flag(env, 'CHANNEL_AUTO_CLEARING', true)
      ? { encoding, delayMinutes: integer(env, 'CHANNEL_CLEARING_DELAY_MINUTES', 10, 0, 24 * 60) }
      : false,
    logLevel: env.LOG_LEVEL || 'info',
  };
}

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixedClock } from '@posops/kernel';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseClearingFile } from './clearing-file';
import type { ChannelLogger } from './logger';
import { startChannelSimulator } from './simulator';
import { ChannelTestClient, testRequests } from './test-client';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'channel-sim-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('the simulator as a service', () => {
  it('writes the clearing file of each closed settlement date by itself, also for days closed while it was down', async () => {
    const messages: string[] = [];
    const logger: ChannelLogger = {
      debug: () => {},
      info: (_f, m) => messages.push(m),
      warn: (_f, m) => messages.push(m),
      error: (_f, m) => messages.push(m),
    };
    const clock = fixedClock(new Date('2026-11-25T02:00:00Z'));
    const first = await startChannelSimulator({
      port: 0,
      dataDir,
      clock,
      logger,
      autoClearing: { encoding: 'gbk' },
    });
    expect(messages).toContain('channel simulator listening');
    const client = await ChannelTestClient.connect(first.port);
    const req = testRequests();
    await client.request(req.purchase(10000));
    await client.request(req.purchase(20000));
    await client.close();
    await first.close();
    expect(await readdir(first.clearingDir).catch(() => [])).toEqual([]);

    // 23:05 local: the 25th closed at 23:00, but the grace delay (10 minutes) has not passed.
    clock.set(new Date('2026-11-25T15:05:00Z'));
    const second = await startChannelSimulator({
      port: 0,
      dataDir,
      clock,
      autoClearing: { encoding: 'gbk' },
    });
    await second.close();
    expect(await readdir(second.clearingDir).catch(() => [])).toEqual([]);

    clock.set(new Date('2026-11-25T15:20:00Z'));
    const third = await startChannelSimulator({ port: 0, dataDir, clock, autoClearing: { encoding: 'gbk' } });
    await third.close();
    expect(await readdir(third.clearingDir)).toEqual(['CLEARING_00010000_20261125.csv']);
    const file = parseClearingFile(
      await readFile(path.join(third.clearingDir, 'CLEARING_00010000_20261125.csv')),
    );
    expect(file.encoding).toBe('gbk');
    expect(file.trailer.debitFen).toBe(30000n);
  });
});

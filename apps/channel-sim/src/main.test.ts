import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseClearingFile } from './clearing-file';
import { DEMO_ZONE_MAC_KEY } from './config';
import { spawnChannelSimulator } from './spawn';
import { ChannelTestClient, testRequests } from './test-client';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'channel-main-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('the process', () => {
  it('runs as a child process with its settings from the environment, and closes cleanly on SIGTERM', async () => {
    const sim = await spawnChannelSimulator({
      env: { CHANNEL_PORT: '0', CHANNEL_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    });
    try {
      const client = await ChannelTestClient.connect(sim.port, { macKeyHex: DEMO_ZONE_MAC_KEY });
      const req = testRequests();
      expect((await client.request(req.echo())).fields[39]).toBe('00');
      expect((await client.request(req.purchase(12300))).fields[39]).toBe('00');
      expect((await client.request(req.purchase(12351))).fields[39]).toBe('51');
      await client.close();
    } finally {
      expect(await sim.stop()).toBe(0);
    }
  }, 30_000);

  it('writes a clearing file for a date from the journal on the command line, with injected differences', async () => {
    const [journal] = await readdir(path.join(dataDir, 'journal'));
    const date = journal!.replace('.jsonl', '');
    const out = path.join(dataDir, 'out.csv');
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        import.meta.resolve('tsx'),
        main,
        'clearing',
        '--date',
        date,
        '--encoding',
        'gbk',
        '--out',
        out,
        '--extra',
        '1',
      ],
      { env: { ...process.env, CHANNEL_DATA_DIR: dataDir } },
    );
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ file: out, sidecar: `${out}.injected.json`, differences: 1 });
    const file = parseClearingFile(await readFile(out));
    expect(file.lines).toHaveLength(2);
    expect(file.lines.filter((l) => l.amountFen === 12300n)).toHaveLength(1);
    expect(summary.totals.records).toBe('2');
  }, 30_000);
});

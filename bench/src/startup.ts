/** Time from starting the server on an empty DATA_DIR (cluster init, migrations, demo data) to healthy. */
import { startServer } from './server';

export async function startupBench(): Promise<object[]> {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const server = await startServer();
    runs.push(server.secondsToHealthy);
    await server.stop();
  }
  runs.sort((a, b) => a - b);
  return [
    {
      bench: 'startup-empty-data-dir',
      n: runs.length,
      seconds: Number(runs[1]!.toFixed(2)),
      per_second: null,
      p50_ms: Math.round(runs[1]! * 1000),
      p99_ms: Math.round(runs[runs.length - 1]! * 1000),
      db: 'embedded',
    },
  ];
}

/** `npm run bench [name…]`: each bench prints one JSON line of figures. Not part of `npm test`. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { apiBench } from './api';
import { codecBench } from './codec';
import { consoleBench } from './console';
import { merchantSearchBench } from './merchant-search';
import { startupBench } from './startup';
import { terminalListBench } from './terminal-list';

const benches: Record<string, () => Promise<object[]>> = {
  startup: startupBench,
  api: apiBench,
  codec: codecBench,
  console: consoleBench,
  'merchant-search': merchantSearchBench,
  'terminal-list': terminalListBench,
};

mkdirSync(path.resolve(import.meta.dirname, '../../.test-data'), { recursive: true });
const chosen = process.argv.slice(2);
for (const [name, run] of Object.entries(benches)) {
  if (chosen.length > 0 && !chosen.includes(name)) continue;
  for (const line of await run()) process.stdout.write(`${JSON.stringify(line)}\n`);
}

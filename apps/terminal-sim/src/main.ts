import { parseCommandLine, usage } from './cli';
import { type LoadOptions, runLoad } from './load';

/** Process concerns only: read the command line, run the load, print one JSON line (QUALITY.md's bench format). */
if (process.argv.includes('--help')) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
let options: LoadOptions;
try {
  options = parseCommandLine(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
const report = await runLoad(options);
process.stdout.write(`${JSON.stringify(report)}\n`);

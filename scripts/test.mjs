// The whole check, as `npm test` and CI run it: typecheck, lint, every Vitest project on the embedded
// PostgreSQL, then the integration tests again on TEST_DATABASE_URL when it is set.
// Ends with exactly one summary line, `tests: N passed, M failed`, and exits 1 if anything failed.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const resultsDir = path.join(root, 'test-results');
const vitestBin = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');

let passed = 0;
let failed = 0;

/** Run a command with inherited output; resolves to its exit code (never rejects). */
function run(label, cmd, args, env = process.env) {
  console.log(`\n=== ${label}: ${[cmd, ...args].join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: 'inherit' });
    child.once('error', (err) => {
      console.error(`${label}: could not start: ${err.message}`);
      resolve(127);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** A step with no test results of its own (typecheck, lint): one failure if it fails. */
async function step(label, cmd, args) {
  const code = await run(label, cmd, args);
  if (code !== 0) {
    failed += 1;
    console.error(`=== ${label} failed (exit ${code})`);
  }
}

/** A Vitest run: counts come from its JSON report; a failed run with no failed test counts as one. */
async function vitest(label, args, reportName, env) {
  const report = path.join(resultsDir, reportName);
  rmSync(report, { force: true });
  const code = await run(
    label,
    process.execPath,
    [vitestBin, 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    env,
  );
  let numPassed = 0;
  let numFailed = 0;
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    numPassed = json.numPassedTests ?? 0;
    numFailed = json.numFailedTests ?? 0;
  } catch {
    console.error(`=== ${label}: no readable report at ${path.relative(root, report)}`);
  }
  if (code !== 0 && numFailed === 0) {
    numFailed = 1; // e.g. a global setup that threw, an unhandled error, or no test files
    console.error(`=== ${label} failed (exit ${code}) outside any single test`);
  }
  passed += numPassed;
  failed += numFailed;
}

mkdirSync(resultsDir, { recursive: true });
try {
  await step('typecheck', 'npm', ['run', 'typecheck']);
  await step('lint', 'npm', ['run', 'lint']);

  const embeddedEnv = { ...process.env };
  delete embeddedEnv.TEST_DATABASE_URL;
  await vitest('vitest (embedded PostgreSQL)', [], 'vitest-embedded.json', embeddedEnv);

  if (process.env.TEST_DATABASE_URL) {
    await vitest(
      'vitest integration (TEST_DATABASE_URL)',
      ['--project', 'integration'],
      'vitest-external.json',
      process.env,
    );
  }
} catch (err) {
  failed += 1;
  console.error(err);
}

console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;

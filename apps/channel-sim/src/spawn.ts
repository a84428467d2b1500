import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The simulator as a separate process (as a real channel is): `node --import tsx main.ts serve` with the
 * given environment, its logs on this process's standard output and error. It tells its port over IPC
 * when it listens and leaves when this process goes (the IPC channel closes).
 */

export interface SpawnedChannelSimulator {
  port: number;
  pid: number;
  /** SIGTERM, then the exit code (0 after a clean close). */
  stop(): Promise<number | null>;
  /** Settles when the process has exited, with its code. */
  exited: Promise<number | null>;
}

export async function spawnChannelSimulator(
  options: { env?: Record<string, string | undefined>; readyTimeoutMs?: number } = {},
): Promise<SpawnedChannelSimulator> {
  const main = fileURLToPath(new URL('./main.ts', import.meta.url));
  const tsx = import.meta.resolve('tsx');
  const child: ChildProcess = spawn(process.execPath, ['--import', tsx, main, 'serve'], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error('the channel simulator did not start in time'));
    }, options.readyTimeoutMs ?? 20_000);
    child.on('message', (message: unknown) => {
      const m = message as { type?: string; port?: number };
      if (m?.type === 'listening' && typeof m.port === 'number') {
        clearTimeout(timer);
        resolve(m.port);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the channel simulator exited (code ${code}) before listening`));
    });
  });
  return {
    port,
    pid: child.pid!,
    exited,
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

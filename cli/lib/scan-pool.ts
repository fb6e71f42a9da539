// `soclab scan --jobs N`: whole files scanned in worker threads (engine/node/scan-worker.ts, built to
// dist/engine/node/scan-worker.js); alerts come back in batches and are written by the main thread.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../../engine/node/package-root.js';
import type { FromWorker, ScanWorkerInit, ToWorker } from '../../engine/node/scan-worker.js';
import type { ScanSession } from './scan-session.js';

export type WorkerReady = Extract<FromWorker, { type: 'ready' }>;

/** A worker could not load the rules (usage: a path or option problem, exit code 2). */
export class WorkerFatal extends Error {
  constructor(
    message: string,
    readonly usage: boolean,
  ) {
    super(message);
  }
}

/** The built worker script, or undefined when dist/ has none (then scan runs in one thread). */
export function workerScript(): string | undefined {
  const file = path.join(packageRoot(), 'dist', 'engine', 'node', 'scan-worker.js');
  return existsSync(file) ? file : undefined;
}

export class ScanPool {
  private constructor(
    private readonly workers: Worker[],
    readonly ready: WorkerReady,
  ) {}

  /** Starts `n` workers and waits until each has loaded the rule set. */
  static async start(script: string, n: number, init: ScanWorkerInit): Promise<ScanPool> {
    const workers = Array.from({ length: n }, () => new Worker(script, { workerData: init }));
    const cleanups: (() => void)[] = [];
    try {
      const readies = await Promise.all(
        workers.map(
          (w) =>
            new Promise<WorkerReady>((resolve, reject) => {
              const onMessage = (m: FromWorker) => {
                if (m.type === 'ready') resolve(m);
                else if (m.type === 'fatal') reject(new WorkerFatal(m.message, m.usage));
              };
              const onExit = (code: number) => reject(new WorkerFatal(`scan worker exited (code ${code}) while loading rules`, false));
              w.on('message', onMessage);
              w.on('error', reject);
              w.on('exit', onExit);
              cleanups.push(() => {
                w.off('message', onMessage);
                w.off('error', reject);
                w.off('exit', onExit);
              });
            }),
        ),
      );
      return new ScanPool(workers, readies[0]);
    } catch (err) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw err;
    } finally {
      for (const cleanup of cleanups) cleanup();
    }
  }

  /** Scans `inputs`, one file per idle worker, feeding `session`; resolves when all are done or output closed. */
  run(inputs: readonly string[], session: ScanSession): Promise<void> {
    const queue = [...inputs];
    const inFlight = new Map<Worker, number>();
    let active = 0;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (err?: unknown) => {
        if (settled) return;
        settled = true;
        if (err) reject(err);
        else resolve();
      };
      const send = (w: Worker, msg: ToWorker) => w.postMessage(msg);
      const next = (w: Worker) => {
        const file = session.stopped ? undefined : queue.shift();
        if (file === undefined) {
          if (active === 0) finish();
          return;
        }
        active++;
        send(w, { type: 'scan', file });
      };
      const inFlightBytes = () => [...inFlight.values()].reduce((a, b) => a + b, 0);
      for (const w of this.workers) {
        w.on('message', async (m: FromWorker) => {
          try {
            if (m.type === 'alerts') {
              for (const alert of m.alerts) {
                const pending = session.alert(alert);
                if (pending) await pending;
              }
              if (session.stopped) finish();
              else send(w, { type: 'ack' });
            } else if (m.type === 'problem') {
              session.problem(m.problem);
            } else if (m.type === 'progress') {
              inFlight.set(w, m.bytes);
              session.progress(inFlightBytes());
              if (session.stopped) finish();
            } else if (m.type === 'done') {
              inFlight.delete(w);
              active--;
              session.fileDone(m.result);
              next(w);
            }
          } catch (err) {
            finish(err);
          }
        });
        w.once('error', (err) => finish(err));
        w.once('exit', (code) => {
          if (!settled) finish(new Error(`scan worker exited unexpectedly (code ${code})`));
        });
      }
      for (const w of this.workers) next(w);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

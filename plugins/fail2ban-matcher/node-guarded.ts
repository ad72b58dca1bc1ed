/** runGuarded with Node worker threads (for `npm run try`, the tests and the benchmark). Node only. */
import {Worker} from 'node:worker_threads';
import {runGuarded, type GuardOptions, type WorkerHandle} from './guarded.ts';
import type {JailSetResult, JailSetup} from './jails.ts';

/** A worker thread running node-worker.ts (TypeScript loaded by tsx, see node-worker.mjs). */
export function spawnNodeWorker(): WorkerHandle {
  const worker = new Worker(new URL('./node-worker.mjs', import.meta.url));
  return {
    post: (request) => worker.postMessage(request),
    onMessage: (listener) => worker.on('message', listener),
    onError: (listener) => worker.on('error', listener),
    terminate: () => void worker.terminate(),
  };
}

/** Runs a jail set in a worker thread, with the same watchdog and budget as the page. */
export function runJailSetGuarded(setup: JailSetup, lines: string[], options: GuardOptions = {}): Promise<JailSetResult & {restarts: number}> {
  return runGuarded(spawnNodeWorker, setup, lines, options);
}

import type {WorkerHandle} from '@site/plugins/fail2ban-matcher/guarded';

/** A Web Worker running the matcher (worker.ts), as runGuarded drives it. */
export function spawnWebWorker(): WorkerHandle {
  const worker = new Worker(new URL('./worker.ts', import.meta.url));
  return {
    post: (request) => worker.postMessage(request),
    onMessage: (listener) => worker.addEventListener('message', (event) => listener(event.data)),
    onError: (listener) => worker.addEventListener('error', (event) => listener(new Error(event.message || 'the matcher worker failed to load'))),
    terminate: () => worker.terminate(),
  };
}

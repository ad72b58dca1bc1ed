/**
 * Runs a jail set off the main thread, with a watchdog: a JavaScript regex
 * cannot be stopped from inside, so the run happens in a worker (a Web Worker
 * in the page, a worker thread for `npm run try`) that reports its progress;
 * a worker silent for longer than `hangMs` is stopped, the (line, jail) pair
 * it was on is marked "too slow: refused", and the run starts again without
 * it. Pairs that finish but take more than the budget (50 ms) are refused by
 * the run itself (jails.ts). Both halves are browser-safe.
 */
import {runJailSet, type JailSetResult, type JailSetup} from './jails.ts';

/** What the page (or CLI) asks a worker. */
export interface JailRequest {
  setup: JailSetup;
  lines: string[];
  budgetMs: number;
  keepLines?: number;
  /** Pairs to skip (`line:jail`, `line:date`) with their reason. */
  skip: Array<[string, string]>;
  skipJails: Array<[number, string]>;
  /** From this line on, the worker reports each pair before running it (-1: never). */
  careful: number;
  /** fail2ban's "now" (ms since the epoch), fixed for the run; the worker's Date.now if absent. */
  now?: number;
}

/** What a worker answers. */
export type JailMessage =
  {type: 'started'} | {type: 'at'; line: number; jail: number} | {type: 'progress'; done: number} | {type: 'done'; result: JailSetResult} | {type: 'error'; message: string};

/** Lines between progress reports; careful mode covers two of these spans. */
export const progressEvery = 256;

/** The worker's side: runs the request, reporting as it goes. */
export function handleJailRequest(request: JailRequest, post: (message: JailMessage) => void): void {
  post({type: 'started'});
  try {
    const {careful} = request;
    const result = runJailSet(request.setup, request.lines, {
      budgetMs: request.budgetMs,
      keepLines: request.keepLines,
      skip: new Map(request.skip),
      skipJails: new Map(request.skipJails),
      clock: request.now,
      progressEvery,
      onPair: (line, jail) => {
        if (line < 0 || (careful >= 0 && line >= careful && line < careful + 2 * progressEvery)) post({type: 'at', line, jail});
      },
      onProgress: (done) => post({type: 'progress', done}),
    });
    post({type: 'done', result});
  } catch (error) {
    post({type: 'error', message: (error as Error).message});
  }
}

/** A worker as the watchdog needs it (a Web Worker or a worker thread, adapted). */
export interface WorkerHandle {
  post(request: JailRequest): void;
  onMessage(listener: (message: JailMessage) => void): void;
  onError(listener: (error: Error) => void): void;
  terminate(): void;
}

export interface GuardOptions {
  /** A pair may take this long before its answer is refused (ms). */
  budgetMs?: number;
  /** A worker silent this long is stopped (ms). */
  hangMs?: number;
  /** Time the worker may take to start (load its code) before the run fails (ms). */
  startMs?: number;
  /** Jails found hanging this many times are refused whole. */
  maxHangsPerJail?: number;
  /**
   * Times the whole run is done again when lines were over the budget: a busy
   * machine (or a garbage collection) can make a line look slow once; a line
   * that is slow again is refused (1).
   */
  retrySlow?: number;
  keepLines?: number;
  /** fail2ban's "now" (ms since the epoch), fixed for the run and its restarts (Date.now() when the run starts if absent). */
  now?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Runs the jail set in workers from `spawn`, restarting past pairs that hang. */
export async function runGuarded(spawn: () => WorkerHandle, setup: JailSetup, lines: string[], options: GuardOptions = {}): Promise<JailSetResult & {restarts: number}> {
  const budgetMs = options.budgetMs ?? 50;
  // One "now" for the run and its restarts: each attempt must read the log as the others do.
  const now = options.now ?? Date.now();
  const hangMs = options.hangMs ?? 1000;
  const startMs = options.startMs ?? 30_000;
  const maxHangs = options.maxHangsPerJail ?? 3;
  const skip = new Map<string, string>();
  const skipJails = new Map<number, string>();
  const hangs = new Map<number, number>();
  let careful = -1;
  let retries = options.retrySlow ?? 1;
  for (let restarts = 0; ; restarts += 1) {
    const worker = spawn();
    const outcome = await new Promise<{result: JailSetResult} | {hung: {line: number; jail: number} | undefined; done: number} | {error: string}>((resolve) => {
      let last = Date.now();
      let started = false;
      let done = 0;
      let compiled = false;
      let at: {line: number; jail: number} | undefined;
      let suspect = false;
      const finish = (value: Parameters<typeof resolve>[0]) => {
        clearInterval(timer);
        worker.terminate();
        resolve(value);
      };
      const timer = setInterval(
        () => {
          const silent = Date.now() - last;
          if (!started) {
            if (silent > startMs) finish({error: `the matcher did not start within ${startMs / 1000} s`});
            return;
          }
          // Twice in a row: messages already queued get a chance to arrive first.
          if (silent > hangMs) {
            // The pair reported last, if it comes after the last progress report (or is a compile, before any).
            if (suspect) finish({hung: at && (compiled ? at.line >= done : at.line === -1) ? at : undefined, done});
            suspect = true;
          } else suspect = false;
        },
        Math.max(10, hangMs / 4),
      );
      worker.onMessage((message) => {
        last = Date.now();
        suspect = false;
        if (message.type === 'started') started = true;
        else if (message.type === 'at') at = message;
        else if (message.type === 'progress') {
          compiled = true;
          done = message.done;
          options.onProgress?.(done, lines.length);
        } else if (message.type === 'done') finish({result: message.result});
        else finish({error: message.message});
      });
      worker.onError((error) => finish({error: error.message}));
      worker.post({setup, lines, budgetMs, keepLines: options.keepLines, skip: [...skip], skipJails: [...skipJails], careful, now});
    });
    if ('result' in outcome) {
      const overBudget = outcome.result.tooSlow.some((slow) => !skip.has(slow.jail < 0 ? `${slow.line}:date` : `${slow.line}:${slow.jail}`));
      if (overBudget && retries > 0) {
        retries -= 1;
        continue;
      }
      return {...outcome.result, restarts};
    }
    if ('error' in outcome) throw new Error(outcome.error);
    const {hung} = outcome;
    if (!hung) {
      // Somewhere after the last progress report: run again, reporting each pair from there.
      if (careful === outcome.done) throw new Error(`the matcher stopped answering near line ${outcome.done + 1} and could not tell where`);
      careful = outcome.done;
      continue;
    }
    const reason = `too slow: refused (no answer within ${hangMs} ms; the budget is ${budgetMs} ms a line)`;
    if (hung.line < 0) skipJails.set(hung.jail, `compiling the filter took longer than ${hangMs} ms`);
    else if (hung.jail < 0) skip.set(`${hung.line}:date`, reason);
    else {
      skip.set(`${hung.line}:${hung.jail}`, reason);
      const count = (hangs.get(hung.jail) ?? 0) + 1;
      hangs.set(hung.jail, count);
      if (count >= maxHangs) skipJails.set(hung.jail, `refused: its filter took longer than ${hangMs} ms on ${count} lines (catastrophic backtracking?)`);
    }
    careful = hung.line;
  }
}

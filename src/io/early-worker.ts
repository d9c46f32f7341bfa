// Starting the CSV worker ahead of its load. Kept apart from worker-loader.ts (and free of imports)
// so that the page's first script can start the worker for a `?src=` link without carrying the loader.

/** A worker started before its load, and what the load needs to use it. */
export interface EarlyWorker {
  /** For WorkerLoadOptions.createWorker: the early worker the first time (or the error its start threw), a new one after. */
  readonly createWorker: () => Worker;
  /** Ends the early worker if no load took it (the files could not be fetched, say). */
  readonly discard: () => void;
}

/**
 * Starts a worker now, for a load that will begin once its files arrive: the worker's script is
 * fetched, compiled and run while the files download rather than after. A worker that fails to
 * start fails the load when the load asks for it, as createWorker itself would.
 */
export function startWorkerEarly(createWorker: () => Worker): EarlyWorker {
  let early: { worker: Worker } | { error: unknown } | null;
  try {
    early = { worker: createWorker() };
  } catch (error) {
    early = { error };
  }
  return {
    createWorker: () => {
      const taken = early;
      early = null;
      if (!taken) return createWorker();
      if ('error' in taken) throw taken.error;
      return taken.worker;
    },
    discard: () => {
      if (early && 'worker' in early) early.worker.terminate();
      early = null;
    },
  };
}

import { Worker } from 'node:worker_threads';

// Plain JavaScript: the worker runs this text as it is.
const checkpointLoop = `
const { DatabaseSync } = require('node:sqlite');
const { workerData } = require('node:worker_threads');
const db = new DatabaseSync(workerData.path);
db.exec('PRAGMA busy_timeout = 5000');
setInterval(() => {
  try {
    db.exec('PRAGMA wal_checkpoint(PASSIVE)');
  } catch {
    // Busy now; the next round catches up.
  }
}, workerData.everyMs);
`;

/**
 * Copies the write-ahead log back into the database file from a worker thread. A checkpoint waits for
 * the disk (fsync), which on the main thread would stall every request for its duration.
 */
export function startWalCheckpointer(path: string, everyMs = 1000) {
  const worker = new Worker(checkpointLoop, { eval: true, workerData: { path, everyMs } });
  worker.unref();
  return { stop: () => worker.terminate() };
}

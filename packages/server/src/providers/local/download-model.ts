import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface DownloadProgress {
  fileName: string;
  receivedBytes: number;
  /** Undefined when the server does not say how big the file is. */
  totalBytes: number | undefined;
}

export interface DownloadOptions {
  url: URL;
  fileName: string;
  /** The folder the model is kept in; the file's name inside it is `fileName`. */
  dir: string;
  /** The file's SHA-256 in hex; checked once the download completes. */
  sha256?: string | undefined;
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
}

export class ModelDownloadError extends Error {}

/**
 * The model's path, downloading it first when it is not there yet. A download that stops midway leaves a
 * `.partial` file that the next attempt continues with an HTTP Range request.
 */
export async function downloadModel(options: DownloadOptions): Promise<string> {
  const target = join(options.dir, options.fileName);
  if (await exists(target)) return target;
  await mkdir(options.dir, { recursive: true });
  const partial = `${target}.partial`;
  const already = (await stat(partial).catch(() => undefined))?.size ?? 0;

  const response = await fetch(options.url, {
    headers: already > 0 ? { range: `bytes=${already}-` } : {},
    signal: options.signal ?? null,
  });
  if (response.status === 416 && already > 0) {
    // The partial file already holds every byte.
  } else if (!response.ok || !response.body) {
    throw new ModelDownloadError(`Downloading ${options.url} failed: HTTP ${response.status}`);
  } else {
    const resumed = response.status === 206;
    const start = resumed ? already : 0;
    const length = Number(response.headers.get('content-length')) || undefined;
    const totalBytes = length === undefined ? undefined : start + length;
    let receivedBytes = start;
    // Each piece is on disk before the next is read, so a cut connection keeps every byte that came.
    const file = await open(partial, resumed ? 'a' : 'w');
    try {
      for await (const chunk of Readable.fromWeb(response.body as never) as AsyncIterable<Buffer>) {
        await file.write(chunk);
        receivedBytes += chunk.length;
        options.onProgress?.({ fileName: options.fileName, receivedBytes, totalBytes });
      }
    } finally {
      await file.close();
    }
    if (totalBytes !== undefined && receivedBytes !== totalBytes) {
      throw new ModelDownloadError(
        `Downloading ${options.url} stopped at ${receivedBytes} of ${totalBytes} bytes`,
      );
    }
  }

  if (options.sha256) {
    const actual = await sha256Of(partial);
    if (actual !== options.sha256.toLowerCase()) {
      // A file with the wrong bytes would be continued, not replaced, by the next attempt.
      await rm(partial, { force: true });
      throw new ModelDownloadError(
        `The downloaded ${options.fileName} does not match its checksum: expected sha256 ${options.sha256}, got ${actual}. It was deleted; check the URL and the checksum.`,
      );
    }
  }
  await rename(partial, target);
  return target;
}

export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

/** A one-line progress bar redrawn in place on a terminal, and a line per tenth elsewhere (a log file). */
export function terminalProgress(
  stream: NodeJS.WriteStream = process.stderr,
): (progress: DownloadProgress) => void {
  let lastShown = -1;
  return ({ fileName, receivedBytes, totalBytes }) => {
    const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    const fraction = totalBytes ? receivedBytes / totalBytes : 0;
    const step = stream.isTTY ? Math.floor(fraction * 1000) : Math.floor(fraction * 10);
    if (step === lastShown) return;
    lastShown = step;
    const width = 30;
    const filled = Math.round(fraction * width);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
    const size = totalBytes
      ? `${megabytes(receivedBytes)} / ${megabytes(totalBytes)} MB`
      : `${megabytes(receivedBytes)} MB`;
    const line = `Downloading ${fileName} ${bar} ${(fraction * 100).toFixed(1)}% ${size}`;
    if (stream.isTTY) stream.write(`\r${line}${fraction >= 1 ? '\n' : ''}`);
    else stream.write(`${line}\n`);
  };
}

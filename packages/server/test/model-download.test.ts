import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  type DownloadProgress,
  downloadModel,
  ModelDownloadError,
  terminalProgress,
} from '../src/providers/local/download-model.ts';
import { localModelProvider } from '../src/providers/local/local-model-provider.ts';
import { modelSource } from '../src/providers/local/model-source.ts';
import type { StreamPart } from '../src/providers/model-provider.ts';
import { writeTinyGguf } from './support/tiny-gguf.ts';

const content = randomBytes(300_000);
const sha256 = createHash('sha256').update(content).digest('hex');

interface Served {
  range: string | undefined;
}

/**
 * A file server that honours Range requests; `cutAfter` drops the next answer's connection after that many
 * bytes, once `cutWhen` holds (the client has stored some of them), so the cut never outruns the client.
 */
let server: Server;
let baseURL = '';
const served: Served[] = [];
let cutAfter: number | undefined;
let cutWhen: () => boolean = () => true;
const files = new Map<string, Buffer>([['/model.gguf', content]]);

before(async () => {
  server = createServer((req, res) => {
    served.push({ range: req.headers.range });
    const file = files.get(req.url ?? '');
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    const start = Number(req.headers.range?.match(/^bytes=(\d+)-$/)?.[1] ?? 0);
    const body = file.subarray(start);
    res.writeHead(start > 0 ? 206 : 200, {
      'content-length': body.length,
      ...(start > 0 && { 'content-range': `bytes ${start}-${file.length - 1}/${file.length}` }),
    });
    if (cutAfter !== undefined) {
      const cut = cutAfter;
      cutAfter = undefined;
      const cutOnceStored = () => (cutWhen() ? res.socket?.destroy() : setImmediate(cutOnceStored));
      res.write(body.subarray(0, cut), cutOnceStored);
      return;
    }
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

const freshDir = () => mkdtempSync(join(tmpdir(), 'haru-models-'));

test('a model is downloaded once, with progress up to its size, and its checksum verified', async () => {
  const dir = freshDir();
  const progress: DownloadProgress[] = [];
  const before = served.length;
  const options = {
    url: new URL(`${baseURL}/model.gguf`),
    fileName: 'model.gguf',
    dir,
    sha256,
    onProgress: (p: DownloadProgress) => progress.push(p),
  };
  const path = await downloadModel(options);
  assert.equal(path, join(dir, 'model.gguf'));
  assert.deepEqual(readFileSync(path), content);
  assert.equal(progress.at(-1)?.receivedBytes, content.length);
  assert.equal(progress.at(-1)?.totalBytes, content.length);
  assert.ok(
    progress.every(
      (p, i) => i === 0 || p.receivedBytes > (progress[i - 1] as DownloadProgress).receivedBytes,
    ),
  );
  assert.equal(await downloadModel(options), path);
  assert.equal(served.length - before, 1, 'the second call found the file and asked for nothing');
});

test('a download cut midway is continued from where it stopped with a Range request', async () => {
  const dir = freshDir();
  const options = { url: new URL(`${baseURL}/model.gguf`), fileName: 'model.gguf', dir, sha256 };
  cutAfter = 120_000;
  const partialPath = join(dir, 'model.gguf.partial');
  cutWhen = () => existsSync(partialPath) && statSync(partialPath).size > 0;
  await assert.rejects(downloadModel(options));
  const kept = statSync(join(dir, 'model.gguf.partial')).size;
  assert.ok(kept > 0 && kept < content.length, `${kept} bytes kept`);
  assert.equal(existsSync(join(dir, 'model.gguf')), false);

  const path = await downloadModel(options);
  assert.equal(served.at(-1)?.range, `bytes=${kept}-`);
  assert.deepEqual(readFileSync(path), content);
  assert.equal(existsSync(join(dir, 'model.gguf.partial')), false);
});

test('a download whose checksum does not match is refused and deleted, so the next attempt starts over', async () => {
  const dir = freshDir();
  const wrong = '0'.repeat(64);
  const options = { url: new URL(`${baseURL}/model.gguf`), fileName: 'model.gguf', dir, sha256: wrong };
  await assert.rejects(downloadModel(options), (error: unknown) => {
    assert.ok(error instanceof ModelDownloadError);
    assert.match(error.message, new RegExp(`expected sha256 ${wrong}, got ${sha256}`));
    return true;
  });
  assert.equal(existsSync(join(dir, 'model.gguf')), false);
  assert.equal(existsSync(join(dir, 'model.gguf.partial')), false);
});

test('a missing file is a clear error naming the URL and status', async () => {
  const url = new URL(`${baseURL}/nothing.gguf`);
  await assert.rejects(
    downloadModel({ url, fileName: 'nothing.gguf', dir: freshDir() }),
    new ModelDownloadError(`Downloading ${url} failed: HTTP 404`),
  );
});

test('model sources: a path, a Hugging Face file (with a revision), an https URL', () => {
  assert.deepEqual(modelSource('models/tiny.gguf', '/srv/haru'), {
    kind: 'file',
    path: '/srv/haru/models/tiny.gguf',
  });
  assert.deepEqual(modelSource('hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF/qwen2.5-1.5b-instruct-q4_k_m.gguf'), {
    kind: 'download',
    url: new URL(
      'https://huggingface.co/Qwen/Qwen2.5-1.5B-Instruct-GGUF/resolve/main/qwen2.5-1.5b-instruct-q4_k_m.gguf',
    ),
    fileName: 'qwen2.5-1.5b-instruct-q4_k_m.gguf',
  });
  const pinned = modelSource('hf:owner/repo@v1.0/sub/dir/model.gguf');
  assert.equal(
    pinned.kind === 'download' && pinned.url.href,
    'https://huggingface.co/owner/repo/resolve/v1.0/sub/dir/model.gguf',
  );
  assert.throws(() => modelSource('hf:just-a-name'), /use hf:owner\/repo\/file\.gguf/);
  const url = modelSource('https://example.org/files/m.gguf?download=1');
  assert.equal(url.kind === 'download' && url.fileName, 'm.gguf');
});

test('a local backend given a URL downloads the model on first use, then answers from it', async () => {
  const dir = freshDir();
  const ggufPath = join(dir, 'tiny-source.gguf');
  await writeTinyGguf(ggufPath);
  const gguf = readFileSync(ggufPath);
  files.set('/tiny.gguf', gguf);
  const local = localModelProvider({
    name: 'local',
    model: `${baseURL}/tiny.gguf`,
    sha256: createHash('sha256').update(gguf).digest('hex'),
    modelsDir: join(dir, 'models'),
    threads: 1,
    onDownloadProgress: () => {},
  });
  try {
    const parts: StreamPart[] = [];
    const signal = new AbortController().signal;
    for await (const part of local.stream({
      model: 'tiny',
      messages: [{ role: 'user', content: 'hi' }],
      maxTokens: 2,
      signal,
    })) {
      parts.push(part);
    }
    assert.deepEqual(
      parts.map((part) => part.type),
      ['text-delta', 'text-delta', 'finish'],
    );
    assert.ok(existsSync(join(dir, 'models', 'tiny.gguf')));
  } finally {
    await local.close();
  }
});

test('the terminal shows one progress bar redrawn in place, or ten lines when not a terminal', () => {
  const written = (isTTY: boolean) => {
    const chunks: string[] = [];
    const stream = { isTTY, write: (text: string) => chunks.push(text) } as unknown as NodeJS.WriteStream;
    const show = terminalProgress(stream);
    const totalBytes = 100 * 1024 * 1024;
    // Steps of 10 KB: about ten reports to every 0.1%, so a bar redrawn on each would be seen.
    for (let receivedBytes = 0; receivedBytes <= totalBytes; receivedBytes += 10 * 1024)
      show({ fileName: 'tiny.gguf', receivedBytes, totalBytes });
    return chunks;
  };
  const tty = written(true);
  assert.ok(
    tty.every((chunk) => chunk.startsWith('\r')),
    'each redraw returns to the start of the line',
  );
  assert.ok(tty.length >= 1000 && tty.length <= 1001, `redrawn once per 0.1% (${tty.length} times)`);
  assert.equal(
    tty.at(-1),
    `\rDownloading tiny.gguf [${'#'.repeat(30)}] 100.0% 100.0 / 100.0 MB\n`,
    'the finished bar is full and ends its line',
  );
  assert.match(tty[500] ?? '', /^\rDownloading tiny\.gguf \[#{15}-{15}\] 50\.0% 50\.0 \/ 100\.0 MB$/);

  const log = written(false);
  assert.equal(log.length, 11, 'a log file gets a line per tenth, 0% to 100%');
  assert.ok(log.every((line) => line.endsWith('\n') && !line.includes('\r')));
});

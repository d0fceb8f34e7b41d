import { Agent, request } from 'node:http';

/** What one measured stream came to. */
export interface StreamOutcome {
  /** From sending the request to the first content; undefined if none came. */
  ttftMs: number | undefined;
  /** Ended properly with the full expected text. */
  complete: boolean;
  error?: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

/** POSTs JSON and hands each decoded chunk of the 200 response to `onText`; settles when the response ends. */
export function postStream(
  url: URL,
  body: object,
  headers: Record<string, string>,
  onText: (text: string) => void,
  timeoutMs: number,
): Promise<void> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(payload),
        ...headers,
      },
    });
    const timer = setTimeout(() => req.destroy(new Error(`no end after ${timeoutMs} ms`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    req.on('error', fail);
    req.on('response', (res) => {
      res.setEncoding('utf8');
      if (res.statusCode !== 200) {
        let text = '';
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => fail(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`)));
        return;
      }
      res.on('data', onText);
      res.on('end', () => {
        clearTimeout(timer);
        resolve();
      });
      res.on('aborted', () => fail(new Error('the response was cut off')));
      res.on('error', fail);
    });
    req.end(payload);
  });
}

export const describeError = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

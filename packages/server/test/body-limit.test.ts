import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import { startGateway, type TestGateway } from './support/gateway.ts';

let gateway: TestGateway;
let token: string;

before(async () => {
  gateway = await startGateway();
  await gateway.listen();
  token = await gateway.newUser();
});

after(() => gateway.close());

/** A POST over a real socket, its body sent with a length or in chunks. */
function post(path: string, body: string, framing: 'length' | 'chunked') {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const headers: Record<string, string | number> = {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    };
    if (framing === 'length') headers['content-length'] = Buffer.byteLength(body);
    const req = request(`${gateway.url}${path}`, { method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    if (framing === 'chunked') {
      for (let at = 0; at < body.length; at += 64 * 1024) req.write(body.slice(at, at + 64 * 1024));
    } else req.write(body);
    req.end();
  });
}

test('a body over 2 MB is refused with a 413 and changes nothing, however it is framed', async () => {
  const huge = JSON.stringify({
    metadata: { note: 'x' },
    messages: [{ role: 'user', content: 'x'.repeat(3 * 1024 * 1024) }],
  });
  for (const framing of ['length', 'chunked'] as const) {
    const answer = await post('/v1/threads', huge, framing);
    assert.equal(answer.status, 413, framing);
    assert.match(
      (JSON.parse(answer.body) as { error: { message: string } }).error.message,
      /larger than 2 MB/,
    );
  }
  const threads = await gateway.call<{ data: unknown[] }>('/v1/threads', { token });
  assert.equal(threads.data.length, 0);
});

test('bodies under the limit are read whole, however they are framed', async () => {
  // Under OpenAI's 256,000 characters of content, and still about half a megabyte on the wire.
  const content = '오늘 강가를 걸었어 🌊 '.repeat(17_000);
  for (const framing of ['length', 'chunked'] as const) {
    const answer = await post(
      '/v1/threads',
      JSON.stringify({ messages: [{ role: 'user', content }] }),
      framing,
    );
    assert.equal(answer.status, 200, framing);
    const thread = JSON.parse(answer.body) as { id: string };
    const messages = await gateway.call<{ data: Array<{ content: Array<{ text: { value: string } }> }> }>(
      `/v1/threads/${thread.id}/messages`,
      { token },
    );
    assert.equal(messages.data[0]?.content[0]?.text.value, content);
  }
});

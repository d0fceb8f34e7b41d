import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type ScenarioEnv, type ScenarioName, scenarios } from './scenarios.ts';
import { startServers } from './support/servers.ts';

let servers: Awaited<ReturnType<typeof startServers>>;
let env: ScenarioEnv;

before(async () => {
  servers = await startServers();
  env = {
    baseURL: servers.proxy.url,
    transport: 'auto',
    cutNextStream: () => servers.proxy.cutNextStream(),
    requestsSeen: () => servers.proxy.requests(),
  };
});
after(() => servers.close());

for (const name of Object.keys(scenarios) as ScenarioName[]) {
  test(`Node: ${name}`, async () => {
    const cutsBefore = servers.proxy.cuts();
    await scenarios[name](env);
    if (name.startsWith('survivesADroppedStream'))
      assert.equal(servers.proxy.cuts(), cutsBefore + 1, 'the stream was cut');
  });
}

test('Node, XMLHttpRequest fallback: survivesADroppedStream', async () => {
  const { XMLHttpRequest } = await import('xmlhttprequest');
  Object.assign(XMLHttpRequest, { UNSENT: 0, OPENED: 1, HEADERS_RECEIVED: 2, LOADING: 3, DONE: 4 });
  Object.assign(globalThis, { XMLHttpRequest });
  try {
    const cutsBefore = servers.proxy.cuts();
    await scenarios.survivesADroppedStream({ ...env, transport: 'xhr' });
    assert.equal(servers.proxy.cuts(), cutsBefore + 1, 'the stream was cut');
  } finally {
    Reflect.deleteProperty(globalThis, 'XMLHttpRequest');
  }
});

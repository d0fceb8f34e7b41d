import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { ScenarioEnv, ScenarioName, scenarios } from './scenarios.ts';
import { bundleForBrowser, launchChromium, skipWithoutChromium } from './support/chromium.ts';
import { startServers } from './support/servers.ts';

type Scenarios = typeof scenarios;
declare global {
  var HaruScenarios: { scenarios: Scenarios };
  var cutNextStream: () => Promise<void>;
  var requestsSeen: () => Promise<string[]>;
}

let servers: Awaited<ReturnType<typeof startServers>>;
let browser: Browser;
let page: Page;

before(async () => {
  if (skipWithoutChromium) return;
  servers = await startServers();
  browser = await launchChromium();
  page = await browser.newPage();
  // The page has the gateway's own origin, as the app it serves does: the gateway allows no other by default.
  await page.goto(`${servers.proxy.url}/healthz`);
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.exposeFunction('cutNextStream', () => servers.proxy.cutNextStream());
  await page.exposeFunction('requestsSeen', () => servers.proxy.requests());
  await page.addScriptTag({
    content: await bundleForBrowser(new URL('./scenarios.ts', import.meta.url), 'HaruScenarios'),
  });
});

after(async () => {
  await browser?.close();
  await servers?.close();
});

function runInChromium(name: ScenarioName, transport: ScenarioEnv['transport']) {
  return page.evaluate(
    ({ name, env }) =>
      globalThis.HaruScenarios.scenarios[name]({
        ...env,
        cutNextStream: globalThis.cutNextStream,
        requestsSeen: globalThis.requestsSeen,
      }),
    { name, env: { baseURL: servers.proxy.url, transport } },
  );
}

const names: ScenarioName[] = [
  'streamsARun',
  'cancelsARun',
  'survivesADroppedStream',
  'survivesADroppedStreamByPolling',
  'surfacesErrorsAsTypedErrors',
];
for (const name of names) {
  test(`Chromium: ${name}`, { skip: skipWithoutChromium }, async () => {
    const cutsBefore = servers.proxy.cuts();
    await runInChromium(name, 'auto');
    if (name.startsWith('survivesADroppedStream'))
      assert.equal(servers.proxy.cuts(), cutsBefore + 1, 'the stream was cut');
  });
}

test('Chromium, XMLHttpRequest fallback forced: streamsARun and survivesADroppedStream', {
  skip: skipWithoutChromium,
}, async () => {
  await runInChromium('streamsARun', 'xhr');
  const cutsBefore = servers.proxy.cuts();
  await runInChromium('survivesADroppedStream', 'xhr');
  assert.equal(servers.proxy.cuts(), cutsBefore + 1, 'the stream was cut');
});

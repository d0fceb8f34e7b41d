import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { bubbles, launchChromium, newPhone, screenshotsDir, startAppServer } from './support.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'haru-e2e-'));
let server: Awaited<ReturnType<typeof startAppServer>>;
let browser: Browser;
let phone: BrowserContext;
let page: Page;

before(async () => {
  mkdirSync(screenshotsDir, { recursive: true });
  server = await startAppServer(dataDir);
  browser = await launchChromium();
  phone = await newPhone(browser);
  page = await phone.newPage();
  // Today is 25 November, 21:00, until a test moves the clock; timers keep running normally.
  await page.clock.setFixedTime(new Date('2026-11-25T21:00:00'));
  page.on('pageerror', (error) => console.error('page error:', error.message));
});

after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const lastReply = async () => (await bubbles(page)).filter((text) => text.startsWith('Haru: ')).at(-1) ?? '';

async function send(text: string) {
  await page.getByTestId('composer-input').fill(text);
  await page.getByTestId('send-button').click();
}

test('first launch introduces Haru, lets me choose a language, and starts my diary', async () => {
  await page.goto(server.url);
  await page.getByTestId('intro-screen').waitFor();
  assert.equal(
    await page.evaluate(() => Object.keys(localStorage).some((key) => key.startsWith('haru.device-token'))),
    false,
  );
  await page.getByText('Your diary is kept on your own Haru server').waitFor();
  await page.getByTestId('intro-language-ko').click();
  await page.getByText('하루에 오신 걸 환영해요').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
  await page.getByTestId('intro-language-en').click();
  await page.getByTestId('intro-start').click();
  await page.getByText('Hi, I am Haru. How was your day today?').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  const tokenKeys = await page.evaluate(() =>
    Object.keys(localStorage).filter((key) => key.startsWith('haru.device-token')),
  );
  assert.equal(tokenKeys.length, 1);
  assert.match((await page.evaluate((key) => localStorage.getItem(key), tokenKeys[0] ?? '')) ?? '', /^haru_/);
});

test('my message appears at once and the reply grows over several frames before it completes', async () => {
  await send('I had lunch with a friend and it was fun 🍜');
  assert.ok((await bubbles(page)).includes('You: I had lunch with a friend and it was fun 🍜'));
  // Sample the reply bubble on every animation frame until the reply has finished.
  const lengths = await page.evaluate(
    () =>
      new Promise<number[]>((resolve) => {
        const seen: number[] = [];
        const started = performance.now();
        const sample = () => {
          const reply = document.querySelector('[aria-label^="Haru: "]')?.getAttribute('aria-label') ?? '';
          const length = reply.startsWith('Haru: Hi, I am Haru') ? 0 : reply.length;
          if (length !== seen.at(-1)) seen.push(length);
          if ((reply.endsWith('?') && length > 0) || performance.now() - started > 15_000) resolve(seen);
          else requestAnimationFrame(sample);
        };
        requestAnimationFrame(sample);
      }),
  );
  assert.ok(
    lengths.filter((length) => length > 0).length >= 4,
    `the reply grew in steps: ${lengths.join(' → ')}`,
  );
  assert.match(await lastReply(), /^Haru: I can hear the joy.*\?$/);
  await page.screenshot({ path: join(screenshotsDir, 'today-streamed.png') });
});

test('Stop ends the reply midway and keeps what was written', async () => {
  await send('I was so tired after the meeting with my boss');
  await page.getByTestId('stop-button').waitFor();
  await page.waitForFunction(
    () => [...document.querySelectorAll('[aria-label^="Haru: That sounds"]')].length > 0,
  );
  await page.getByTestId('stop-button').click();
  await page.getByText('Stopped').waitFor();
  assert.doesNotMatch(await lastReply(), /\?$/);
});

test('the first reply from the built-in companion brings a kind note, once', async () => {
  const notice = page.getByTestId('offline-companion-notice');
  await notice.getByText('not a language model').waitFor();
  await page.screenshot({ path: join(screenshotsDir, 'today-offline-companion.png') });
  await page.getByTestId('offline-companion-dismiss').click();
  await notice.waitFor({ state: 'detached' });
  await page.reload();
  await page.getByTestId('composer-input').waitFor();
  assert.equal(await notice.count(), 0);
});

test('Enter sends, Shift+Enter starts a new line, and the box grows to about six lines', async () => {
  const input = page.getByTestId('composer-input');
  await page.getByTestId('send-button').waitFor();
  const oneLine = (await input.boundingBox())?.height ?? 0;
  await input.click();
  await page.keyboard.type('Line one');
  for (const line of ['two', 'three', 'four', 'five']) {
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type(`Line ${line}`);
  }
  assert.equal(await input.inputValue(), 'Line one\nLine two\nLine three\nLine four\nLine five');
  const fiveLines = (await input.boundingBox())?.height ?? 0;
  assert.ok(fiveLines > oneLine * 2.5, `five lines are shown: ${oneLine} → ${fiveLines} px`);
  for (const line of ['six', 'seven', 'eight', 'nine']) {
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type(`Line ${line}`);
  }
  const nineLines = (await input.boundingBox())?.height ?? 0;
  assert.ok(nineLines < oneLine * 5, `it stops growing at about six lines: ${nineLines} px`);
  await page.screenshot({ path: join(screenshotsDir, 'today-composer-growing.png') });
  await page.keyboard.press('Enter');
  await page.getByText('Line one', { exact: false }).first().waitFor();
  assert.equal(await input.inputValue(), '');
  assert.ok((await bubbles(page)).some((text) => text.startsWith('You: Line one\nLine two')));
  await page.getByTestId('send-button').waitFor({ timeout: 10_000 });
});

test('the server killed and restarted mid-reply: the full reply arrives within 5 s of its return', async () => {
  const said = 'My cat knocked a plant over and I laughed for ten minutes.';
  // The reply to what I said, newest first in the page: [its text, what I said].
  const replyTo = ({ said, finished }: { said: string; finished: boolean }) => {
    const labels = [...document.querySelectorAll('[aria-label^="Haru: "], [aria-label^="You: "]')].map(
      (element) => element.getAttribute('aria-label') ?? '',
    );
    const [reply = '', mine] = labels;
    return (
      mine === `You: ${said}` &&
      reply.length > 'Haru: '.length + 5 &&
      reply !== 'Haru: Haru is typing' &&
      (!finished || reply.endsWith('?'))
    );
  };
  await send(said);
  await page.waitForFunction(replyTo, { said, finished: false });
  await server.stop();
  await server.start();
  const back = Date.now();
  await page.waitForFunction(replyTo, { said, finished: true }, { timeout: 5000 }).catch(() => undefined);
  const waited = Date.now() - back;
  assert.ok(waited < 5000, `the full reply came ${waited} ms after the server was back`);
  await page.getByTestId('send-button').waitFor();
  assert.equal(await page.getByText('Something went wrong').count(), 0);
  const afterwards = await bubbles(page);
  await page.reload();
  await page.getByText(said).first().waitFor();
  assert.deepEqual(await bubbles(page), afterwards, 'the server holds the same conversation');
  assert.equal(await page.getByText('Something went wrong').count(), 0);
});

test('Korean and emoji survive, and a reload finds the day intact', async () => {
  await page.getByTestId('send-button').waitFor();
  await send('오늘 친구랑 커피 마셨어 ☕️🌸');
  await page.waitForFunction(() =>
    /[가-힣].*\?$/.test(document.querySelector('[aria-label^="Haru: "]')?.getAttribute('aria-label') ?? ''),
  );
  const before = await bubbles(page);
  await page.reload();
  await page.getByText('오늘 친구랑 커피 마셨어 ☕️🌸').waitFor();
  assert.deepEqual(await bubbles(page), before);
});

test('a reload in the middle of a reply finds the reply finished, written by the server meanwhile', async () => {
  const before = await lastReply();
  await send('My sister called and we talked for an hour.');
  await page.waitForFunction((before) => {
    const newest = document.querySelector('[aria-label^="Haru: "]')?.getAttribute('aria-label') ?? before;
    return newest !== before && newest !== 'Haru: Haru is typing';
  }, before);
  await page.reload();
  await page.getByText('My sister called and we talked for an hour.').waitFor();
  await page.getByTestId('send-button').waitFor();
  const reply = await lastReply();
  assert.notEqual(reply, before);
  assert.match(reply, /\?$/);
  assert.equal(await page.getByTestId('typing-indicator').count(), 0);
});

test('with the server down, sending shows why and keeps my words; Retry works once it is back', async () => {
  await server.stop();
  await send('The server is down but I still want to say this.');
  await page.getByText('Haru’s server cannot be reached right now. Your words are kept.').waitFor();
  assert.equal(
    await page.getByTestId('composer-input').inputValue(),
    'The server is down but I still want to say this.',
  );
  await page.screenshot({ path: join(screenshotsDir, 'today-server-down.png') });

  assert.deepEqual(
    (await bubbles(page)).filter((text) => text.includes('The server is down')),
    [],
    'the words are in the composer only, not also in a bubble',
  );
  await server.start();
  await page.getByTestId('retry-send').click();
  await page.waitForFunction(() => {
    const newest = document.querySelector('[aria-label^="Haru: "]')?.getAttribute('aria-label') ?? '';
    return newest.endsWith('?') && !newest.includes('How was your day');
  });
  assert.ok((await bubbles(page)).includes('You: The server is down but I still want to say this.'));
});

test('every control on Today, Journal and Settings has a name a screen reader can say', async () => {
  const unnamed = async () =>
    page
      .locator('button, [role="button"], [role="link"], [role="tab"], [role="radio"], input, textarea')
      .evaluateAll((elements) =>
        elements
          .filter((element) => (element as HTMLElement).offsetParent !== null)
          .filter((element) => {
            const name =
              element.getAttribute('aria-label') ??
              element.getAttribute('placeholder') ??
              element.textContent ??
              '';
            return name.trim() === '';
          })
          .map((element) => element.outerHTML.slice(0, 120)),
      );
  assert.deepEqual(await unnamed(), []);
  await page.getByTestId('tab-journal').click();
  await page.getByTestId('journal-search').waitFor();
  assert.deepEqual(await unnamed(), []);
  await page.getByTestId('tab-settings').click();
  await page.getByTestId('server-url').waitFor();
  assert.deepEqual(await unnamed(), []);
  await page.getByTestId('tab-today').click();
});

test('reading back up while Haru writes keeps the view still and offers a jump to the latest', async () => {
  await page.setViewportSize({ width: 400, height: 420 });
  await page.getByTestId('send-button').waitFor();
  await send('We cooked dinner with my family and then watched a film together.');
  await page.getByTestId('stop-button').waitFor();
  await page.getByTestId('conversation').hover();
  await page.mouse.wheel(0, -600);
  await page.getByTestId('jump-to-latest').waitFor();
  await page.getByTestId('send-button').waitFor({ timeout: 10_000 });
  assert.equal(
    await page.getByTestId('jump-to-latest').isVisible(),
    true,
    'still away from the bottom after the reply',
  );
  await page.getByTestId('jump-to-latest').click();
  await page.getByTestId('jump-to-latest').waitFor({ state: 'detached' });
  await page.setViewportSize({ width: 400, height: 820 });
});

test('past the day boundary a new day starts, and yesterday is in the Journal with its entry', async () => {
  // 26 November, 03:00 is still the 25th (the day starts at 04:00); 05:00 is the 26th.
  await page.clock.setFixedTime(new Date('2026-11-26T03:00:00'));
  await page.reload();
  await page.getByText('Wednesday, November 25, 2026').waitFor();
  await page.clock.setFixedTime(new Date('2026-11-26T05:00:00'));
  await page.reload();
  await page.getByText('Thursday, November 26, 2026').waitFor();
  await page.getByText('Hi, I am Haru. How was your day today?').waitFor();
  assert.deepEqual(await bubbles(page), ['Haru: Hi, I am Haru. How was your day today?']);

  await page.getByTestId('tab-journal').click();
  const yesterday = page.getByTestId('journal-day-2026-11-25');
  // The offline diarist read the day: its mood is the first feeling the person named.
  await yesterday.getByText('😴 Tired', { exact: true }).waitFor({ timeout: 20_000 });
  await yesterday.click();
  await page
    .getByTestId('diary-entry')
    .getByText(/^A few lines about today\. I had lunch with a friend/)
    .waitFor();
  const day = page.getByTestId('day-screen');
  await day.getByText('😴 Tired').waitFor();
  await day.getByText('I had lunch with a friend and it was fun 🍜', { exact: true }).waitFor();
});

test('screenshots of Today, Journal and a day, in Korean and English, light and dark', async () => {
  const storageState = await phone.storageState();
  for (const language of ['en', 'ko'] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await newPhone(browser, { language, colorScheme });
      await context.addCookies(storageState.cookies);
      await context.addInitScript((origins) => {
        for (const origin of origins) {
          if (origin.origin !== location.origin) continue;
          for (const { name, value } of origin.localStorage)
            if (!name.startsWith('haru.settings')) localStorage.setItem(name, value);
        }
      }, storageState.origins);
      const shot = await context.newPage();
      const name = (screen: string) => join(screenshotsDir, `${screen}-${language}-${colorScheme}.png`);
      await shot.clock.setFixedTime(new Date('2026-11-25T21:00:00'));
      await shot.goto(server.url);
      await shot.getByText('오늘 친구랑 커피 마셨어 ☕️🌸').waitFor();
      await shot.screenshot({ path: name('today') });

      await shot.clock.setFixedTime(new Date('2026-11-26T05:00:00'));
      await shot.goto(`${server.url}/journal`);
      await shot.getByTestId('journal-day-2026-11-25').waitFor();
      await shot.screenshot({ path: name('journal') });
      await shot.getByTestId('journal-day-2026-11-25').click();
      await shot
        .getByTestId('diary-entry')
        .getByText(/A few lines about today/)
        .waitFor();
      await shot.screenshot({ path: name('day') });
      await context.close();
    }
  }
});

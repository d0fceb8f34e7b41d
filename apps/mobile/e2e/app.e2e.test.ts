import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  bubbles,
  deviceToken,
  holdReplyAfter,
  launchChromium,
  newPhone,
  releaseReply,
  sameDevice,
  screenshotsDir,
  startAppServer,
  waitForHeldReply,
} from './support.ts';

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
  const frames = await page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const seen: string[] = [];
        const started = performance.now();
        const sample = () => {
          const reply = document.querySelector('[aria-label^="Haru: "]')?.getAttribute('aria-label') ?? '';
          const shown = reply.startsWith('Haru: Hi, I am Haru') ? '' : reply;
          if (shown !== seen.at(-1)) seen.push(shown);
          if ((shown.endsWith('?') && shown) || performance.now() - started > 15_000) resolve(seen);
          else requestAnimationFrame(sample);
        };
        requestAnimationFrame(sample);
      }),
  );
  assert.ok(
    frames.filter(Boolean).length >= 4,
    `the reply grew in steps: ${frames.map((text) => text.length).join(' → ')}`,
  );
  assert.deepEqual(
    frames.filter((text) => text.includes('(')),
    [],
    'no frame shows the companion’s note while it is written',
  );
  // The offline companion's first reply: a reflection, then one question; its note about itself is the notice's.
  assert.match(await lastReply(), /^Haru: .*\?$/s);
  assert.doesNotMatch(await lastReply(), /stand-in|OPENAI_API_KEY/);
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

test('the built-in companion is named once, kindly, in a notice, and not again in its replies', async () => {
  const notice = page.getByTestId('offline-companion-notice');
  await notice.getByText('not a language model').waitFor();
  assert.equal(await notice.count(), 1);
  assert.deepEqual(
    (await bubbles(page)).filter((text) => /not a language model|stand-in|OPENAI_API_KEY/.test(text)),
    [],
  );
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

test('on a phone’s on-screen keyboard Enter starts a new line, and the send button sends', async () => {
  const touch = await sameDevice(browser, phone, { touch: true });
  const onPhone = await touch.newPage();
  try {
    await onPhone.goto(server.url);
    const input = onPhone.getByTestId('composer-input');
    await onPhone.getByTestId('send-button').waitFor();
    await input.tap();
    await onPhone.keyboard.type('First paragraph');
    await onPhone.keyboard.press('Enter');
    await onPhone.keyboard.type('Second paragraph');
    assert.equal(await input.inputValue(), 'First paragraph\nSecond paragraph');
    await input.fill('');
  } finally {
    await touch.close();
  }
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
  await page
    .getByText('Haru’s server cannot be reached right now. Nothing you wrote is lost; try again in a moment.')
    .waitFor();
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
  // The offline diarist read the day: its mood is the feeling that weighed most (fun and laughter over one tiring meeting).
  await yesterday.getByText('😊 Joyful', { exact: true }).waitFor({ timeout: 20_000 });
  await yesterday.click();
  await page
    .getByTestId('diary-entry')
    .getByText(/^I spent some time with a friend\./)
    .waitFor();
  const day = page.getByTestId('day-screen');
  await day.getByText('😊 Joyful').waitFor();
  await day.getByText('I had lunch with a friend and it was fun 🍜', { exact: true }).waitFor();
});

test('from a day, Back and the Journal tab both lead back to the Journal', async () => {
  await page.getByTestId('back').click();
  await page.waitForURL((url) => url.pathname === '/journal');
  await page.getByTestId('journal-search').waitFor();
  await page.getByTestId('journal-day-2026-11-25').click();
  await page.getByTestId('day-screen').waitFor();
  await page.getByTestId('tab-journal').click();
  await page.waitForURL((url) => url.pathname === '/journal');
  await page.getByTestId('journal-search').waitFor();
  // A day opened straight from its address has nothing behind it: Back still leads to the Journal.
  await page.goto(`${server.url}/journal/2026-11-25`);
  await page.getByTestId('back').click();
  await page.waitForURL((url) => url.pathname === '/journal');
  await page.getByTestId('journal-day-2026-11-25').waitFor();
});

test('an address Haru has no page for says so in the app’s language, with a way to Today', async () => {
  await page.goto(`${server.url}/no-such-page`);
  await page.getByTestId('not-found').waitFor();
  assert.equal(await page.getByText('Unmatched Route').count(), 0);
  assert.equal(await page.getByText('+not-found').count(), 0, 'not a tab of its own');
  await page.goto(`${server.url}/journal/not-a-day`);
  await page.getByTestId('not-found').waitFor();
  assert.equal(await page.getByText('Invalid Date').count(), 0);
  await page.getByTestId('go-to-today').click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByTestId('send-button').waitFor();
  // Back where the next test begins.
  await page.goto(`${server.url}/journal`);
  await page.getByTestId('journal-day-2026-11-25').waitFor();
});

test('a search that matches nothing says so; one finds what I said that the entry left out', async () => {
  await page.getByTestId('journal-search').fill('submarine');
  await page.getByText('No day matches “submarine”.').waitFor();
  assert.equal(await page.getByText('No past days yet').count(), 0);
  await page.getByTestId('journal-search').fill('FRIEND');
  await page.getByTestId('journal-day-2026-11-25').waitFor();
  // Said to Haru that day, and not in the diarist's entry.
  await page.getByTestId('journal-search').fill('knocked');
  await page
    .getByTestId('said-2026-11-25')
    .getByText('In your conversation: “My cat knocked a plant over', { exact: false })
    .waitFor();
  await page.screenshot({ path: join(screenshotsDir, 'journal-search-conversation-en.png') });
  await page.getByTestId('journal-search').fill('');
});

test('with a server that cannot be reached, the Journal says so and offers Retry', async () => {
  const unreachable = 'http://127.0.0.1:9';
  const context = await newPhone(browser);
  const token = await deviceToken(page);
  await context.addInitScript(
    ({ unreachable, token }) => {
      localStorage.setItem('haru.settings', JSON.stringify({ serverUrl: unreachable, language: 'en' }));
      localStorage.setItem(`haru.device-token.${unreachable.replace(/[^\w.-]/g, '_')}`, token);
    },
    { unreachable, token },
  );
  const other = await context.newPage();
  await other.goto(`${server.url}/journal`);
  await other.getByText('Haru’s server cannot be reached right now.').waitFor();
  await other.getByTestId('status-retry').waitFor();
  assert.equal(await other.getByText('Opening your day…').count(), 0);
  await other.screenshot({ path: join(screenshotsDir, 'journal-server-unreachable.png') });
  await context.close();
});

test('editing an entry keeps the edit on the server: a reload shows it', async () => {
  await page.getByTestId('journal-day-2026-11-25').click();
  await page.getByTestId('edit-entry').click();
  await page
    .getByTestId('entry-editor')
    .fill('A day of friends, coffee and one long meeting.\n\nI am glad I wrote it down.');
  await page.getByTestId('mood-grateful').click();
  await page.getByTestId('save-entry').click();
  await page.getByTestId('diary-entry').getByText('A day of friends, coffee and one long meeting.').waitFor();
  await page.reload();
  await page.getByTestId('diary-entry').getByText('A day of friends, coffee and one long meeting.').waitFor();
  await page.getByTestId('day-screen').getByText('🙏 Grateful').waitFor();
  await page.getByTestId('back').click();
  await page.getByTestId('journal-day-2026-11-25').getByText('🙏 Grateful').waitFor();
  await page.getByTestId('calendar-2026-11-25').and(page.getByLabel('November 25: Grateful')).waitFor();
});

test('switching to Korean changes the greeting, the moods and the words around the diary', async () => {
  await page.getByTestId('tab-settings').click();
  await page.getByTestId('language-ko').click();
  await page.getByTestId('tab-today').click();
  // Today (the 26th) was opened in English; its greeting now reads in Korean.
  await page.getByText('안녕하세요, 하루예요. 오늘 하루는 어땠어요?').waitFor();
  assert.equal(await page.getByText('Hi, I am Haru. How was your day today?').count(), 0);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
  await page.getByTestId('tab-journal').click();
  const day = page.getByTestId('journal-day-2026-11-25');
  await day.getByText('🙏 감사').waitFor();
  await day.getByText('2026년 11월 25일 수요일').waitFor();
  await day.click();
  await page.getByTestId('day-screen').getByText('대화', { exact: true }).waitFor();
  await page.getByTestId('day-screen').getByText('안녕하세요, 하루예요. 오늘 하루는 어땠어요?').waitFor();
  assert.equal(
    await page.evaluate(() => getComputedStyle(document.body).wordBreak),
    'keep-all',
    'Korean wraps between words',
  );
  await page.getByTestId('tab-settings').click();
  await page.getByTestId('language-en').click();
  await page.getByTestId('tab-today').click();
  await page.getByTestId('conversation').getByText('Hi, I am Haru. How was your day today?').waitFor();
});

/** What is sent before each Today screenshot, one per theme and width, so the day reads like a day. */
const midStreamMessages = {
  en: [
    'We walked home under the first snow, and I could not stop smiling.',
    'My brother called to say he got the job he wanted.',
    'I finally fixed the squeaky door and felt oddly proud.',
    'The bakery on the corner gave me a free bun for no reason.',
  ],
  ko: [
    '첫눈을 맞으며 집까지 걸었는데 자꾸 웃음이 났어.',
    '동생이 원하던 회사에 붙었다고 전화했어.',
    '드디어 삐걱거리던 문을 고쳐서 괜히 뿌듯했어.',
    '모퉁이 빵집에서 이유 없이 빵을 하나 더 줬어.',
  ],
};

test('screenshots of first launch, Today mid-stream, Journal, a day and Settings: both languages, both themes, phone and desktop', async () => {
  for (const language of ['en', 'ko'] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const [width, viewport] of [
        ['phone', { width: 400, height: 820 }],
        ['desktop', { width: 1440, height: 900 }],
      ] as const) {
        const name = (screen: string) =>
          join(
            screenshotsDir,
            `${screen}-${language}-${colorScheme}${width === 'desktop' ? '-desktop' : ''}.png`,
          );
        const fresh = await newPhone(browser, { language, colorScheme, viewport });
        const intro = await fresh.newPage();
        await intro.goto(server.url);
        await intro.getByTestId('intro-screen').waitFor();
        await intro.screenshot({ path: name('intro') });
        await fresh.close();

        const context = await sameDevice(browser, phone, { language, colorScheme, viewport });
        await holdReplyAfter(context, 4);
        const shot = await context.newPage();
        await shot.clock.setFixedTime(new Date('2026-11-25T21:00:00'));
        await shot.goto(server.url);
        await shot.locator('[aria-label^="You: "], [aria-label^="나: "]').first().waitFor();
        const shotIndex = (colorScheme === 'dark' ? 2 : 0) + (width === 'desktop' ? 1 : 0);
        await shot.getByTestId('composer-input').fill(midStreamMessages[language][shotIndex] ?? '');
        await shot.getByTestId('send-button').click();
        await waitForHeldReply(shot);
        await shot.screenshot({ path: name('today-mid-stream') });
        await releaseReply(shot);
        await shot.getByTestId('send-button').waitFor();

        await shot.clock.setFixedTime(new Date('2026-11-26T05:00:00'));
        await shot.goto(`${server.url}/journal`);
        await shot.getByTestId('mood-calendar').waitFor();
        await shot.getByTestId('journal-day-2026-11-25').getByTestId('mood-chip').waitFor();
        await shot.screenshot({ path: name('journal') });
        const calendar = await shot.getByTestId('mood-calendar').boundingBox();
        const dayCard = await shot.getByTestId('journal-day-2026-11-25').boundingBox();
        assert.ok(calendar && dayCard);
        if (width === 'desktop') {
          assert.ok(
            dayCard.x >= calendar.x + calendar.width,
            'on a desktop the days stand beside the calendar',
          );
        } else {
          assert.ok(dayCard.y >= calendar.y + calendar.height, 'on a phone the days come below the calendar');
        }
        await shot.getByTestId('journal-day-2026-11-25').click();
        await shot
          .getByTestId('diary-entry')
          .getByText(/A day of friends/)
          .waitFor();
        await shot
          .getByTestId('day-screen')
          .getByText('I had lunch with a friend and it was fun 🍜')
          .waitFor();
        await shot.screenshot({ path: name('day') });
        await shot.goto(`${server.url}/settings`);
        await shot.getByTestId('device-current').waitFor();
        await shot.screenshot({ path: name('settings') });
        // Deleting the diary: opened to its confirmation at the foot of Settings, and cancelled.
        await shot.getByTestId('delete-diary').click();
        await shot.getByTestId('delete-diary-warning').waitFor();
        await shot.getByTestId('cancel-delete-diary').scrollIntoViewIfNeeded();
        await shot.screenshot({ path: name('settings-delete-diary') });
        await shot.getByTestId('cancel-delete-diary').click();
        await shot.getByTestId('delete-diary-warning').waitFor({ state: 'detached' });
        await context.close();
      }
    }
  }
});

test('a second browser profile linked with a code is a second device that sees the same days', async () => {
  await page.goto(`${server.url}/settings`);
  await page.getByTestId('add-device').click();
  const code = ((await page.getByTestId('link-code').textContent()) ?? '').trim();
  assert.ok(code.length >= 4, `a short code: ${code}`);
  await page.getByTestId('link-qr').waitFor();
  await page.screenshot({ path: join(screenshotsDir, 'settings-add-device.png') });

  const secondProfile = await newPhone(browser);
  const second = await secondProfile.newPage();
  await second.clock.setFixedTime(new Date('2026-11-26T05:00:00'));
  await second.goto(server.url);
  await second.getByTestId('intro-link').click();
  await second.getByTestId('link-code-input').fill(code);
  await second.getByTestId('link-device').click();
  await second.getByTestId('composer-input').waitFor();
  await second.getByTestId('tab-journal').click();
  await second.getByTestId('journal-day-2026-11-25').getByText('🙏 Grateful').waitFor();
  assert.notEqual(await deviceToken(second), await deviceToken(page), 'each device has its own key');

  await page.reload();
  await page.getByTestId('device-current').waitFor();
  const others = page.locator('[data-testid^="device-"]:not([data-testid="device-current"])');
  await others.first().waitFor();
  assert.equal(await others.count(), 1);
  // Signed out from the first device, the second is back at the introduction.
  await others.first().getByRole('button').click();
  await page.getByTestId('sign-out-warning').waitFor();
  await page.getByTestId('confirm-sign-out').click();
  await others.first().waitFor({ state: 'detached' });
  await second.reload();
  await second.getByTestId('intro-screen').waitFor();
  await second.getByTestId('signed-out-elsewhere').waitFor();
  await second.screenshot({ path: join(screenshotsDir, 'intro-signed-out-elsewhere.png') });
  await secondProfile.close();
});

test('deleting a day asks first, then the day is gone from the Journal and from the server', async () => {
  await page.goto(`${server.url}/journal/2026-11-25`);
  await page.getByTestId('delete-day').click();
  await page.getByText('This cannot be undone.', { exact: false }).waitFor();
  // The confirmation opens at the foot of a long day: its buttons come into view above the tabs.
  await page.waitForFunction(() => {
    const confirm = document.querySelector('[data-testid="confirm-delete-day"]')?.getBoundingClientRect();
    const tabs = document.querySelector('[role="tablist"]')?.getBoundingClientRect();
    return confirm !== undefined && confirm.bottom <= (tabs?.top ?? window.innerHeight);
  });
  await page.screenshot({ path: join(screenshotsDir, 'day-delete-confirmation.png') });
  await page.getByTestId('confirm-delete-day').click();
  await page.waitForURL((url) => url.pathname === '/journal');
  await page.getByTestId('journal-day-2026-11-25').waitFor({ state: 'detached' });
  const threads = (await (
    await fetch(`${server.url}/v1/threads?metadata[day]=2026-11-25`, {
      headers: { authorization: `Bearer ${await deviceToken(page)}` },
    })
  ).json()) as { data: unknown[] };
  assert.deepEqual(threads.data, []);
});

/** A new device with a diary of its own, on Today, so what a test does to it leaves the main diary alone. */
async function freshDiary(options: { day: string; language?: 'en' | 'ko' }) {
  const context = await newPhone(browser, { language: options.language ?? 'en' });
  const fresh = await context.newPage();
  await fresh.clock.setFixedTime(new Date(`${options.day}T21:00:00`));
  await fresh.goto(server.url);
  await fresh.getByTestId('intro-start').click();
  await fresh.getByTestId('composer-input').waitFor();
  return { context, fresh };
}

test('a day whose entry could not be written says why and offers Try again, on the Journal and on its page', async () => {
  const { context, fresh } = await freshDiary({ day: '2026-11-20' });
  try {
    await fresh.getByTestId('composer-input').fill('We planted tulips by the fence.');
    await fresh.getByTestId('send-button').click();
    await fresh.getByTestId('send-button').waitFor({ timeout: 10_000 });
    // The day before, told from another device straight to the gateway.
    const created = await fetch(`${server.url}/v1/threads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await deviceToken(fresh)}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        metadata: { day: '2026-11-19', kind: 'conversation' },
        messages: [{ role: 'user', content: 'My sister visited with her dog.' }],
      }),
    });
    assert.equal(created.status, 200);
    await fresh.clock.setFixedTime(new Date('2026-11-21T09:00:00'));
    // The diarist cannot be reached: every attempt to start its run is dropped.
    const dropRuns = (route: import('playwright-core').Route) =>
      route.request().method() === 'POST' ? route.abort() : route.continue();
    await fresh.route('**/v1/threads/*/runs', dropRuns);
    await fresh.goto(`${server.url}/journal`);
    const retry = (day: string) => fresh.getByTestId(`retry-entry-${day}`);
    await retry('2026-11-20').waitFor({ timeout: 15_000 });
    await retry('2026-11-19').waitFor({ timeout: 15_000 });
    await fresh.getByTestId('entry-problem-2026-11-20').getByText('cannot be reached').waitFor();
    await fresh.screenshot({ path: join(screenshotsDir, 'journal-entry-failed-en.png') });
    await fresh.getByTestId('tab-settings').click();
    await fresh.getByTestId('language-ko').click();
    await fresh.getByTestId('tab-journal').click();
    await fresh.getByRole('button', { name: '2026년 11월 20일 금요일 일기 다시 해 보기' }).waitFor();
    await fresh.screenshot({ path: join(screenshotsDir, 'journal-entry-failed-ko.png') });

    await fresh.unroute('**/v1/threads/*/runs', dropRuns);
    await retry('2026-11-20').click();
    await fresh.getByTestId('journal-day-2026-11-20').getByTestId('mood-chip').waitFor({ timeout: 15_000 });
    assert.equal(await retry('2026-11-20').count(), 0);
    assert.equal(await retry('2026-11-19').count(), 1, 'the other day waits for its own Try again');

    // On the day's own page, a write that fails offers Try again too, with the conversation still shown.
    await fresh.route('**/v1/threads/*/runs', dropRuns);
    await fresh.getByTestId('journal-day-2026-11-19').click();
    await fresh.getByTestId('write-entry').click();
    // The Journal, kept beneath the day's page, offers its own Try again for the day too.
    const retryOnPage = fresh.getByTestId('day-screen').getByTestId('retry-entry-2026-11-19');
    await retryOnPage.waitFor();
    await fresh.getByTestId('day-screen').getByText('My sister visited with her dog.').waitFor();
    await fresh.screenshot({ path: join(screenshotsDir, 'day-entry-failed-ko.png') });
    await fresh.unroute('**/v1/threads/*/runs', dropRuns);
    await retryOnPage.click();
    await fresh.getByTestId('edit-entry').waitFor({ timeout: 15_000 });
    await fresh.getByTestId('back').click();
    await fresh.getByTestId('journal-day-2026-11-19').getByTestId('mood-chip').waitFor({ timeout: 15_000 });

    // The entry tells the day in its own words: what I said is still found, and shown, in Korean.
    await fresh.getByTestId('journal-search').fill('fence');
    await fresh
      .getByTestId('said-2026-11-20')
      .getByText('대화에서: “We planted tulips by the fence.”')
      .waitFor();
    await fresh.screenshot({ path: join(screenshotsDir, 'journal-search-conversation-ko.png') });
  } finally {
    await context.close();
  }
});

test('erasing my diary in Settings asks for a typed word, then forgets it here and opens on the introduction', async () => {
  const { context, fresh } = await freshDiary({ day: '2026-11-25', language: 'ko' });
  try {
    const token = await deviceToken(fresh);
    await fresh.getByTestId('tab-settings').click();
    await fresh.getByTestId('delete-diary').scrollIntoViewIfNeeded();
    await fresh.screenshot({ path: join(screenshotsDir, 'settings-delete-diary-closed-ko.png') });
    await fresh.getByTestId('delete-diary').click();
    const confirm = fresh.getByTestId('confirm-delete-diary');
    assert.equal(await confirm.isDisabled(), true);
    await fresh.getByLabel('확인하려면 “지우기” 입력').fill('지우기');
    await confirm.click();
    await fresh.getByTestId('diary-erased').getByText('일기를 모두 지웠어요.').waitFor();
    await fresh.getByTestId('intro-screen').waitFor();
    await fresh.screenshot({ path: join(screenshotsDir, 'intro-diary-erased-ko.png') });
    assert.equal(await deviceToken(fresh), '');
    const answer = await fetch(`${server.url}/v1/threads`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(answer.status, 401);
  } finally {
    await context.close();
  }
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

import { startGatewayProcess } from '../../../packages/server/test/support/gateway-process.ts';
import { ensureWebBuild, webBuildDir } from '../../../scripts/web-build.ts';

export { launchChromium } from '../../../packages/client/test/support/chromium.ts';

const root = new URL('../../..', import.meta.url).pathname;
export const screenshotsDir = join(root, 'apps/mobile/e2e/screenshots');

/** The real gateway serving the app's web build, on a fixed port so it can be stopped and started again. */
export async function startAppServer(dataDir: string) {
  if (!ensureWebBuild()) throw new Error('the web build failed');
  mkdirSync(dataDir, { recursive: true });
  return startGatewayProcess({
    DATABASE_URL: `sqlite:${join(dataDir, 'haru.sqlite')}`,
    WEB_APP_DIR: webBuildDir,
  });
}

export type AppContextOptions = {
  language?: 'en' | 'ko';
  colorScheme?: 'light' | 'dark';
  /** A phone (400 × 820) unless told otherwise, e.g. a desktop window. */
  viewport?: { width: number; height: number };
  /** A touch screen without a mouse, as a phone's browser is. */
  touch?: boolean;
};

/** A browser context, phone-sized by default; a language is stored as the app's own setting before it starts. */
export async function newPhone(browser: Browser, options: AppContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 400, height: 820 },
    deviceScaleFactor: 1,
    colorScheme: options.colorScheme ?? 'light',
    locale: options.language === 'ko' ? 'ko-KR' : 'en-US',
    ...(options.touch && { hasTouch: true, isMobile: true }),
  });
  if (options.language) {
    await context.addInitScript((language) => {
      const key = 'haru.settings';
      const stored = JSON.parse(localStorage.getItem(key) ?? '{}');
      localStorage.setItem(key, JSON.stringify({ ...stored, language }));
    }, options.language);
  }
  return context;
}

/** The text of every chat bubble in conversation order, as a screen reader reads it ("Haru: …", "You: …"). */
export async function bubbles(page: Page): Promise<string[]> {
  const labels = await page
    .locator('[aria-label^="Haru: "], [aria-label^="You: "], [aria-label^="하루: "], [aria-label^="나: "]')
    .evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
  // The conversation is an inverted list: the newest bubble comes first in the page.
  return labels.reverse();
}

/** A new browser profile that is this device again: its stored device key and notes, its own settings. */
export async function sameDevice(browser: Browser, from: BrowserContext, options: AppContextOptions = {}) {
  const { cookies, origins } = await from.storageState();
  const context = await newPhone(browser, options);
  await context.addCookies(cookies);
  await context.addInitScript((origins) => {
    for (const origin of origins) {
      if (origin.origin !== location.origin) continue;
      for (const { name, value } of origin.localStorage)
        if (!name.startsWith('haru.settings')) localStorage.setItem(name, value);
    }
  }, origins);
  return context;
}

/** This page's device key for the server it is on, for asking the gateway directly. */
export async function deviceToken(page: Page): Promise<string> {
  return page.evaluate(
    () => Object.entries(localStorage).find(([key]) => key.startsWith('haru.device-token'))?.[1] ?? '',
  );
}

declare global {
  interface Window {
    /** Set by `holdReplyAfter`: the text let through so far, and whether the rest is being held. */
    haruReplyHold?: { text: string; holding: boolean; release: () => void };
  }
}

/**
 * Lets this context's first streamed reply through for `deltas` text deltas, then holds the rest until
 * `releaseReply`: a reply visibly still being written, for as long as a look at it takes, whatever the timing.
 */
export async function holdReplyAfter(context: BrowserContext, deltas: number) {
  await context.addInitScript((deltas) => {
    const realFetch = window.fetch.bind(window);
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let isReleased = false;
    const hold = {
      text: '',
      holding: false,
      release: () => {
        isReleased = true;
        release();
      },
    };
    window.haruReplyHold = hold;
    const textOf = (event: string) => {
      const data = event.split('\n').find((line) => line.startsWith('data: '));
      const delta = JSON.parse(data?.slice('data: '.length) ?? '{}') as {
        delta?: { content?: Array<{ text?: { value?: string } }> };
      };
      return (delta.delta?.content ?? []).map((part) => part.text?.value ?? '').join('');
    };
    window.fetch = async (...args) => {
      const response = await realFetch(...args);
      if (!response.body || !response.headers.get('content-type')?.includes('text/event-stream'))
        return response;
      const decoder = new TextDecoder();
      const encoder = new TextEncoder();
      let pending = '';
      let seen = 0;
      const body = response.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          async transform(chunk, controller) {
            pending += decoder.decode(chunk, { stream: true });
            const events = pending.split('\n\n');
            pending = events.pop() ?? '';
            for (const event of events) {
              if (seen >= deltas && !isReleased) {
                hold.holding = true;
                await released;
                hold.holding = false;
              }
              controller.enqueue(encoder.encode(`${event}\n\n`));
              if (!event.includes('event: thread.message.delta')) continue;
              seen++;
              hold.text += textOf(event);
            }
          },
          flush(controller) {
            if (pending) controller.enqueue(encoder.encode(pending));
          },
        }),
      );
      return new Response(body, { status: response.status, headers: response.headers });
    };
  }, deltas);
}

/** Waits until the reply held by `holdReplyAfter` shows, on screen, all the text let through. */
export async function waitForHeldReply(page: Page) {
  await page.waitForFunction(() => window.haruReplyHold?.holding);
  await page.waitForFunction(() => {
    const held = window.haruReplyHold?.text.trim() ?? '';
    // The conversation is an inverted list: the newest reply comes first in the page.
    const newest = document.querySelector('[aria-label^="Haru: "], [aria-label^="하루: "]');
    return held !== '' && (newest?.getAttribute('aria-label') ?? '').endsWith(held);
  });
}

export async function releaseReply(page: Page) {
  await page.evaluate(() => window.haruReplyHold?.release());
}

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
};

/** A browser context, phone-sized by default; a language is stored as the app's own setting before it starts. */
export async function newPhone(browser: Browser, options: AppContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 400, height: 820 },
    deviceScaleFactor: 1,
    colorScheme: options.colorScheme ?? 'light',
    locale: options.language === 'ko' ? 'ko-KR' : 'en-US',
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

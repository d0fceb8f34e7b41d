import { existsSync } from 'node:fs';
import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const skipWithoutChromium = existsSync(chromiumPath)
  ? false
  : `no Chromium at ${chromiumPath}: browser tests skipped`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Bundles a test module for the browser, exposing its exports as `globalThis[globalName]`. */
export async function bundleForBrowser(entry: URL, globalName: string): Promise<string> {
  const result = await build({
    entryPoints: [entry.pathname],
    bundle: true,
    format: 'iife',
    globalName,
    platform: 'browser',
    target: 'chrome120',
    write: false,
  });
  return result.outputFiles[0]?.text ?? '';
}

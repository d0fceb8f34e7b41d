/**
 * Draws the app's icons, Android's adaptive-icon layers, the splash mark and the favicon from one
 * source, apps/mobile/assets/icon-source/haru-mark.svg, in Debian's Chromium. Run it after changing the
 * mark: `node scripts/render-app-icons.ts`; the PNGs it writes are committed.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../packages/client/test/support/chromium.ts';

const assets = fileURLToPath(new URL('../apps/mobile/assets/', import.meta.url));
const source = readFileSync(`${assets}icon-source/haru-mark.svg`, 'utf8');
const paper = ['#FCF6EE', '#F2E3D1'];

interface Variant {
  file: string;
  size: number;
  /** The mark's size against the 1024-unit canvas: Android's layers keep it inside their safe circle. */
  scale: number;
  paper: boolean;
  /** One colour only, for Android's themed icons. */
  monochrome?: boolean;
}

const variants: Variant[] = [
  { file: 'images/icon.png', size: 1024, scale: 1, paper: true },
  { file: 'images/favicon.png', size: 48, scale: 1.1, paper: true },
  { file: 'images/android-icon-foreground.png', size: 512, scale: 0.78, paper: false },
  { file: 'images/android-icon-background.png', size: 512, scale: 0, paper: true },
  { file: 'images/android-icon-monochrome.png', size: 432, scale: 0.78, paper: false, monochrome: true },
  { file: 'images/splash-icon.png', size: 512, scale: 1, paper: false },
];

function svgFor({ scale, paper: withPaper, monochrome }: Variant): string {
  // The mark sits low in its canvas (the sun rises over the lines): lift it to the optical centre.
  const moved = `translate(512 512) scale(${scale}) translate(-512 -575)`;
  let svg = source.replace('<g id="mark">', `<g id="mark" transform="${moved}">`);
  if (scale === 0) svg = svg.replace(/<g id="mark"[\s\S]*?<\/g>/, '');
  if (monochrome) svg = svg.replace(/(fill|stroke|stop-color)="#[0-9A-F]{6}"/gi, '$1="#FFFFFF"');
  if (withPaper) {
    const background = `<linearGradient id="paper" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${paper[0]}"/><stop offset="1" stop-color="${paper[1]}"/></linearGradient></defs><rect width="1024" height="1024" fill="url(#paper)"/>`;
    svg = svg.replace('</defs>', background);
  }
  return svg;
}

const browser = await launchChromium();
try {
  for (const variant of variants) {
    const page = await browser.newPage({ viewport: { width: variant.size, height: variant.size } });
    const svg = svgFor(variant).replace('<svg ', `<svg width="${variant.size}" height="${variant.size}" `);
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.screenshot({ path: `${assets}${variant.file}`, omitBackground: true });
    await page.close();
    console.log(`wrote apps/mobile/assets/${variant.file} (${variant.size}×${variant.size})`);
  }
} finally {
  await browser.close();
}

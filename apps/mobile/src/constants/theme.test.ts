import { Colors } from './theme';

/** WCAG 2 contrast ratio between two #RRGGBB colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((at) => {
      const channel = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe.each(['light', 'dark'] as const)('the %s palette', (scheme) => {
  const c = Colors[scheme];
  it.each([
    ['body text', c.text, c.background, 7],
    ['body text on cards', c.text, c.backgroundElement, 7],
    ['secondary text', c.textSecondary, c.background, 4.5],
    ['secondary text on cards', c.textSecondary, c.backgroundElement, 4.5],
    ['my bubbles', c.onUserBubble, c.userBubble, 4.5],
    ['Haru’s bubbles', c.text, c.haruBubble, 7],
    ['buttons', c.onAccent, c.accent, 4.5],
    ['errors', c.danger, c.background, 4.5],
  ])('keeps %s readable', (_what, foreground, background, minimum) => {
    expect(contrast(foreground, background)).toBeGreaterThanOrEqual(minimum as number);
  });
});

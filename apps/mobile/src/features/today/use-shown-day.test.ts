import { renderHook } from '@testing-library/react-native';
import { useShownDay } from './use-shown-day';

const renderShownDay = (today: string, exchanging: boolean) =>
  renderHook((props: { today: string; exchanging: boolean }) => useShownDay(props.today, props.exchanging), {
    initialProps: { today, exchanging },
  });

describe('useShownDay', () => {
  it('follows today, and remembers the day shown before', async () => {
    const { result, rerender } = await renderShownDay('2026-11-25', false);
    expect(result.current).toEqual({ day: '2026-11-25', dayBefore: '2026-11-24' });

    await rerender({ today: '2026-11-28', exchanging: false });
    expect(result.current).toEqual({ day: '2026-11-28', dayBefore: '2026-11-25' });
  });

  it('does not roll over while a message is being sent or a reply streams, and rolls over once it settles', async () => {
    const { result, rerender } = await renderShownDay('2026-11-25', true);
    await rerender({ today: '2026-11-26', exchanging: true });
    expect(result.current.day).toBe('2026-11-25');

    await rerender({ today: '2026-11-26', exchanging: false });
    expect(result.current).toEqual({ day: '2026-11-26', dayBefore: '2026-11-25' });
  });
});

import { act, renderHook } from '@testing-library/react-native';
import { useDayKey } from './use-day-key';

describe('useDayKey', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('rolls over to the next day at the boundary hour, not at midnight', async () => {
    jest.setSystemTime(new Date('2026-11-25T23:58:00'));
    const { result } = await renderHook(() => useDayKey(4));
    expect(result.current).toBe('2026-11-25');

    await act(async () => jest.advanceTimersByTime(5 * 60_000));
    expect(result.current).toBe('2026-11-25');

    await act(async () => jest.advanceTimersByTime(4 * 60 * 60_000));
    expect(result.current).toBe('2026-11-26');
  });
});

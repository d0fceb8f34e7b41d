import { act, renderHook } from '@testing-library/react-native';
import { useDebouncedValue } from './use-debounced-value';

describe('useDebouncedValue', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('follows the value only once it has stopped changing for the delay', async () => {
    const { result, rerender } = await renderHook(
      ({ typed }: { typed: string }) => useDebouncedValue(typed, 300),
      {
        initialProps: { typed: '' },
      },
    );
    await rerender({ typed: 'h' });
    await act(async () => jest.advanceTimersByTime(200));
    await rerender({ typed: 'hi' });
    await act(async () => jest.advanceTimersByTime(200));
    // 400 ms of typing, never a 300 ms pause: still the value from before.
    expect(result.current).toBe('');
    await act(async () => jest.advanceTimersByTime(100));
    expect(result.current).toBe('hi');
  });
});

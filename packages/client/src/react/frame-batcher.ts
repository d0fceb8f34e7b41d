export type RequestFrame = (callback: () => void) => unknown;

const nextFrame: RequestFrame = (callback) =>
  typeof globalThis.requestAnimationFrame === 'function'
    ? globalThis.requestAnimationFrame(callback)
    : setTimeout(callback, 16);

/** Keeps only the latest value and commits it at most once per animation frame. */
export function createFrameBatcher<T>(commit: (value: T) => void, requestFrame: RequestFrame = nextFrame) {
  let latest: { value: T } | undefined;
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    if (!latest) return;
    const { value } = latest;
    latest = undefined;
    commit(value);
  };

  return {
    schedule(value: T) {
      latest = { value };
      if (scheduled) return;
      scheduled = true;
      requestFrame(flush);
    },
    /** Commits a pending value now, e.g. when the stream ends. */
    flush,
  };
}

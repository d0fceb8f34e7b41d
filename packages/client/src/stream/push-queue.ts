/** Values pushed by callbacks, read as an async iterable; ends, or fails with an error, once. */
export function createPushQueue<T>() {
  const values: T[] = [];
  let finished = false;
  let failure: unknown;
  let wake: (() => void) | undefined;

  const notify = () => {
    wake?.();
    wake = undefined;
  };

  return {
    push(value: T) {
      if (finished) return;
      values.push(value);
      notify();
    },
    end() {
      finished = true;
      notify();
    },
    fail(error: unknown) {
      if (finished) return;
      failure = error;
      finished = true;
      notify();
    },
    async *[Symbol.asyncIterator](): AsyncGenerator<T> {
      while (true) {
        while (values.length > 0) yield values.shift() as T;
        if (finished) {
          if (failure !== undefined) throw failure;
          return;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
  };
}

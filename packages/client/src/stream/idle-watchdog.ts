/** Calls `onIdle` once `timeoutMs` pass without a `reset()`: how a silently dead connection is noticed. */
export function idleWatchdog(timeoutMs: number, onIdle: () => void) {
  let timer = setTimeout(onIdle, timeoutMs);
  return {
    reset() {
      clearTimeout(timer);
      timer = setTimeout(onIdle, timeoutMs);
    },
    stop: () => clearTimeout(timer),
  };
}

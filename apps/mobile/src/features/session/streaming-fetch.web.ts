/** Browsers stream with their own fetch; the client picks it, or XMLHttpRequest where it cannot. */
export const streamingOptions = { transport: 'auto' } as const;

export { createFrameBatcher, type RequestFrame } from './frame-batcher.ts';
export { type RunStreamState, type UseRunStreamOptions, useRunStream } from './use-run-stream.ts';

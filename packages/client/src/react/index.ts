export { createFrameBatcher, type RequestFrame } from './frame-batcher.ts';
export { type RunStreamState, useRunStream } from './use-run-stream.ts';

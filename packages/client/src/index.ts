export { createHaruClient, type HaruClient, type HaruClientOptions } from './client.ts';
export {
  type DiaryEntry,
  type DiaryMood,
  diaryEntrySchema,
  diaryMoods,
  parseDiaryEntry,
} from './diary-entry.ts';
export { HaruApiError, HaruConnectionError } from './errors.ts';
export { newIdempotencyKey } from './idempotency-key.ts';
export { type PollOptions, pollRunUntilDone } from './poll-run.ts';
export type { Device, DeviceRegistration, LinkCode } from './resources/auth.ts';
export type { Model } from './resources/models.ts';
export type { RecoveryChoice } from './stream/choose-recovery.ts';
export { fetchTransport } from './stream/fetch-transport.ts';
export { type ResumeOptions, resumingRecovery } from './stream/resuming-recovery.ts';
export { pollingRecovery, type RecoveryContext, type RunRecovery } from './stream/run-recovery.ts';
export { emptyRunSnapshot, messageText, type RunSnapshot, reduceRunEvent } from './stream/run-snapshot.ts';
export type { RunStream, RunStreamListeners } from './stream/run-stream.ts';
export type { SseMessage } from './stream/sse-decoder.ts';
export type { SseRequest, SseTransport } from './stream/transport.ts';
export { xhrTransport } from './stream/xhr-transport.ts';
export type * from './types.ts';

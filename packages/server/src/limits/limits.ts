/** What one user, one client address and the whole gateway may use; on by default, each may be raised. */
export interface Limits {
  /** Requests per minute per user (registration does not count). */
  requestsPerMinute: number;
  /** Model tokens (prompt and completion, as the backend reports them) per user per UTC day. */
  tokensPerDay: number;
  /** Runs one user may have active at once; more are refused. */
  runsPerUser: number;
  /** Runs generating at once across all users; more wait as `queued`, taking turns across users. */
  generatingRuns: number;
  /** Device registrations per client address per hour. */
  signupsPerHour: number;
  /** A streamed response's bytes the gateway holds for a client that stopped reading, before dropping it. */
  streamBufferBytes: number;
}

export const defaultLimits = {
  requestsPerMinute: 600,
  tokensPerDay: 2_000_000,
  runsPerUser: 4,
  generatingRuns: 32,
  signupsPerHour: 30,
  streamBufferBytes: 1024 * 1024,
} satisfies Limits;

import type { Generated } from 'kysely';

/** Rows keep the API object as JSON in `body`; the other columns exist to find, filter and order rows. */
export interface Tables {
  users: UserTable;
  assistants: OwnedObjectTable;
  threads: OwnedObjectTable;
  messages: MessageTable;
  runs: RunTable;
  run_steps: RunStepTable;
  run_events: RunEventTable;
  idempotency_keys: IdempotencyKeyTable;
  devices: DeviceTable;
  invites: InviteTable;
  link_codes: LinkCodeTable;
}

/** Tables that hold no user's API objects. */
export type NonObjectTable =
  | 'users'
  | 'run_events'
  | 'idempotency_keys'
  | 'devices'
  | 'invites'
  | 'link_codes';

export interface UserTable {
  id: string;
  /** Predates devices: a value no token hashes to. Tokens live in `devices`. */
  token_hash: string;
  created_at: number;
  /** The owner's overrides of the gateway's quotas for this user; null keeps the gateway's. */
  rate_limit_rpm: number | null;
  tokens_per_day: number | null;
  max_concurrent_runs: number | null;
}

/** One signed-in device of a user: its own token, stored only as a hash. */
export interface DeviceTable {
  id: string;
  user_id: string;
  token_hash: string;
  name: string | null;
  created_at: number;
  last_used_at: number | null;
}

/** A code the owner hands out so someone can register while sign-up is by invite. */
export interface InviteTable {
  /** How the owner names the invite to list or revoke it: the code itself is stored only as a hash. */
  id: string;
  code_hash: string;
  /** How many registrations it was made for, and how many it still allows. */
  uses: number;
  uses_left: number;
  created_at: number;
  expires_at: number;
  last_used_at: number | null;
}

/** A short one-time code a signed-in device makes so another device can join the same user. */
export interface LinkCodeTable {
  code_hash: string;
  user_id: string;
  expires_at: number;
}

export interface OwnedObjectTable {
  seq: Generated<number>;
  id: string;
  user_id: string;
  created_at: number;
  body: string;
}

export interface MessageTable extends OwnedObjectTable {
  thread_id: string;
  run_id: string | null;
  /** The message's estimated token count, so a prompt can be planned from this column alone. */
  tokens: number | null;
}

export interface RunTable extends OwnedObjectTable {
  thread_id: string;
  status: string;
  /** The engine instance generating the run, and until when (ms) its lease holds. */
  owner: string | null;
  lease_until: number | null;
  /** When the run reached a final status (ms): its stream events are kept for a while after. */
  ended_at: number | null;
}

export interface RunStepTable extends OwnedObjectTable {
  thread_id: string;
  run_id: string;
}

/** A batch of a run's stream events, as the Server-Sent Events frames a client received. */
export interface RunEventTable {
  run_id: string;
  first_id: number;
  last_id: number;
  /** The frames as sent, one per event id from `first_id` to `last_id`, each ending with a blank line. */
  frames: string;
}

/** A create request made with an `Idempotency-Key`, and what it answered. */
export interface IdempotencyKeyTable {
  user_id: string;
  path: string;
  key: string;
  body_hash: string;
  created_at: number;
  /** Null while the first request is still being answered. */
  status: number | null;
  response: string | null;
  /** For a streamed run: the run to stream again. */
  thread_id: string | null;
  run_id: string | null;
}

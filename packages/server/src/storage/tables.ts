import type { Generated } from 'kysely';

/** Rows keep the API object as JSON in `body`; the other columns exist to find, filter and order rows. */
export interface Tables {
  users: UserTable;
  assistants: OwnedObjectTable;
  threads: OwnedObjectTable;
  messages: MessageTable;
  runs: RunTable;
  run_steps: RunStepTable;
}

export interface UserTable {
  id: string;
  token_hash: string;
  created_at: number;
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
}

export interface RunTable extends OwnedObjectTable {
  thread_id: string;
  status: string;
}

export interface RunStepTable extends OwnedObjectTable {
  thread_id: string;
  run_id: string;
}

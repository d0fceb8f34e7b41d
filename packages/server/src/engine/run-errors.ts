import type { LastError } from '../schemas/common.ts';

/** The `last_error`s the run engine itself writes, worded for the people who read them in the app. */
export const runErrors = {
  shutdown: {
    code: 'server_error',
    message:
      'Haru was restarting and could not finish this reply. What it wrote is kept; please send your message again.',
  },
  engine: {
    code: 'server_error',
    message:
      'Haru ran into a problem while writing this reply. What it wrote is kept; please send your message again.',
  },
  abandoned: {
    code: 'server_error',
    message:
      'Haru stopped unexpectedly while writing this reply. What it wrote is kept; please send your message again.',
  },
  stoppedMidway: {
    code: 'server_error',
    message: 'The model stopped answering midway. What it wrote is kept; please try again.',
  },
} satisfies Record<string, LastError>;

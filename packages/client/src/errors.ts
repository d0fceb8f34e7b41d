/** The gateway answered with an OpenAI-shaped error. */
export class HaruApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly code: string | null;
  readonly param: string | null;

  constructor(status: number, body: unknown) {
    const error = (
      body as { error?: { message?: string; type?: string; code?: string | null; param?: string | null } }
    )?.error;
    super(error?.message ?? `The server answered ${status}.`);
    this.name = 'HaruApiError';
    this.status = status;
    this.type = error?.type ?? 'unknown_error';
    this.code = error?.code ?? null;
    this.param = error?.param ?? null;
  }
}

/** The server could not be reached, or the connection broke before an answer was complete. */
export class HaruConnectionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HaruConnectionError';
  }
}

export const isAbortError = (error: unknown): boolean =>
  error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');

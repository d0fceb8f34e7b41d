import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { badRequest } from '../errors.ts';

export const ResumeQuery = z.object({
  after: z.string().optional().openapi({ description: 'Replay the events after this event id.' }),
});

/**
 * The event id a client already has, from `Last-Event-ID` (what EventSource sends when it reconnects)
 * or `?after=`; undefined when the request names none.
 */
export function lastEventId(
  c: Context,
  from: 'header' | 'header-or-query' = 'header-or-query',
): number | undefined {
  const value =
    c.req.header('last-event-id') ?? (from === 'header-or-query' ? c.req.query('after') : undefined);
  if (value === undefined || value.trim() === '') return undefined;
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id < 0) {
    throw badRequest(
      `Invalid event id '${value}': send the id of the last event you received, a whole number.`,
      'Last-Event-ID',
    );
  }
  return id;
}

import type {
  Message,
  MessageContent,
  MessageDelta,
  Run,
  RunStep,
  RunStepDelta,
  RunStreamEvent,
  Thread,
  ToolCall,
} from '../types.ts';

/** Everything a streamed run has said so far. */
export interface RunSnapshot {
  thread: Thread | undefined;
  run: Run | undefined;
  /** In the order they were created. */
  steps: RunStep[];
  /** In the order they were created, text accumulated from deltas. */
  messages: Message[];
  error: { message: string; code?: string | null | undefined } | undefined;
  done: boolean;
  /** The SSE id of the last event the gateway sent: where a resumed stream picks up. */
  lastEventId: string | undefined;
}

export const emptyRunSnapshot: RunSnapshot = {
  thread: undefined,
  run: undefined,
  steps: [],
  messages: [],
  error: undefined,
  done: false,
  lastEventId: undefined,
};

const runEvents = new Set(
  [
    'created',
    'queued',
    'in_progress',
    'requires_action',
    'cancelling',
    'cancelled',
    'failed',
    'completed',
    'incomplete',
    'expired',
  ].map((status) => `thread.run.${status}`),
);
const stepEvents = new Set(
  ['created', 'in_progress', 'completed', 'failed', 'cancelled', 'expired'].map(
    (status) => `thread.run.step.${status}`,
  ),
);
const messageEvents = new Set(
  ['created', 'in_progress', 'completed', 'incomplete'].map((status) => `thread.message.${status}`),
);

/** The snapshot after one more event; pure, and unknown events change nothing but the last event id. */
export function reduceRunEvent(snapshot: RunSnapshot, event: RunStreamEvent): RunSnapshot {
  const next = applyEvent(snapshot, event);
  return event.id === undefined ? next : { ...next, lastEventId: event.id };
}

function applyEvent(snapshot: RunSnapshot, event: RunStreamEvent): RunSnapshot {
  if (event.event === 'done') return { ...snapshot, done: true };
  if (event.event === 'error') return { ...snapshot, error: event.data };
  if (event.event === 'thread.created') return { ...snapshot, thread: event.data };
  if (event.event === 'thread.message.delta') {
    return {
      ...snapshot,
      messages: upsert(snapshot.messages, event.data.id, (m) => m && applyMessageDelta(m, event.data)),
    };
  }
  if (event.event === 'thread.run.step.delta') {
    return {
      ...snapshot,
      steps: upsert(snapshot.steps, event.data.id, (s) => s && applyStepDelta(s, event.data)),
    };
  }
  if (stepEvents.has(event.event)) {
    const step = event.data as RunStep;
    return { ...snapshot, steps: upsert(snapshot.steps, step.id, (known) => mergeStep(known, step)) };
  }
  if (messageEvents.has(event.event)) {
    const message = event.data as Message;
    return {
      ...snapshot,
      messages: upsert(snapshot.messages, message.id, (known) => mergeMessage(known, message)),
    };
  }
  if (runEvents.has(event.event)) return { ...snapshot, run: event.data as Run };
  return snapshot;
}

/** The text of a message's text parts, joined. */
export function messageText(message: Message | undefined): string {
  return (message?.content ?? [])
    .map((part) => (part.type === 'text' ? (part as { text: { value: string } }).text.value : ''))
    .join('');
}

function upsert<T extends { id: string }>(
  items: T[],
  id: string,
  update: (known: T | undefined) => T | undefined,
): T[] {
  const index = items.findIndex((item) => item.id === id);
  const next = update(index === -1 ? undefined : items[index]);
  if (!next) return items;
  if (index === -1) return [...items, next];
  const copy = [...items];
  copy[index] = next;
  return copy;
}

/** A full message object wins, but never with less text than the deltas already gave. */
function mergeMessage(known: Message | undefined, incoming: Message): Message {
  if (!known || messageText(incoming).length >= messageText(known).length) return incoming;
  return { ...incoming, content: known.content };
}

function mergeStep(known: RunStep | undefined, incoming: RunStep): RunStep {
  const knownCalls = known?.step_details.type === 'tool_calls' ? known.step_details.tool_calls : [];
  if (
    incoming.step_details.type !== 'tool_calls' ||
    incoming.step_details.tool_calls.length >= knownCalls.length
  ) {
    return incoming;
  }
  return { ...incoming, step_details: { type: 'tool_calls', tool_calls: knownCalls } };
}

function applyMessageDelta(message: Message, delta: MessageDelta): Message {
  const content = [...message.content];
  for (const part of delta.delta.content ?? []) {
    const existing = content[part.index] as MessageContent | undefined;
    if (part.type === 'text') {
      const before =
        existing?.type === 'text'
          ? (existing as { text: { value: string; annotations: unknown[] } }).text
          : undefined;
      content[part.index] = {
        type: 'text',
        text: {
          value: (before?.value ?? '') + (part.text?.value ?? ''),
          annotations: [...(before?.annotations ?? []), ...(part.text?.annotations ?? [])],
        },
      };
    } else {
      content[part.index] = { ...existing, ...part } as MessageContent;
    }
  }
  return { ...message, content };
}

function applyStepDelta(step: RunStep, delta: RunStepDelta): RunStep {
  const calls = delta.delta.step_details?.tool_calls;
  if (!calls) return step;
  const known = step.step_details.type === 'tool_calls' ? [...step.step_details.tool_calls] : [];
  for (const { index, ...call } of calls) known[index] = mergeToolCall(known[index], call);
  return { ...step, step_details: { type: 'tool_calls', tool_calls: known } };
}

/** Tool-call deltas carry fragments: function arguments and code input grow, output lists gain items. */
function mergeToolCall(known: ToolCall | undefined, delta: ToolCall): ToolCall {
  return known ? (mergeFragment('', known, delta) as ToolCall) : delta;
}

const growingStrings = new Set(['arguments', 'input']);

function mergeFragment(key: string, known: unknown, delta: unknown): unknown {
  if (typeof delta === 'string' && typeof known === 'string' && growingStrings.has(key)) return known + delta;
  if (Array.isArray(delta) && Array.isArray(known)) return [...known, ...delta];
  if (isRecord(delta) && isRecord(known)) {
    const merged: Record<string, unknown> = { ...known };
    for (const [field, value] of Object.entries(delta))
      merged[field] = mergeFragment(field, known[field], value);
    return merged;
  }
  return delta ?? known;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

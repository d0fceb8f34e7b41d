import type { FinishReason } from '../providers/model-provider.ts';
import type { LastError, Usage } from '../schemas/common.ts';
import { type Message, newAssistantReply, textContent } from '../schemas/message.ts';
import type { Run, RunStatus, ToolCall } from '../schemas/run.ts';
import { newMessageCreationStep, type RunStep } from '../schemas/step.ts';

/**
 * OpenAI's run lifecycle as one pure function: (state, input) → (next state, the `thread.*` events to
 * emit, the rows to write). Every status a run, its step and its reply take is decided here and nowhere
 * else; the engine only feeds inputs in and carries the results out.
 */

export interface RunState {
  run: Run;
  /** The message-creation step and the reply, once the run has started generating. */
  step: RunStep | undefined;
  message: Message | undefined;
  /** The reply's text so far. */
  text: string;
}

export type RunInput =
  | { type: 'start'; at: number; stepId: string; messageId: string; generatedBy: string }
  | { type: 'text'; value: string }
  | { type: 'finish'; at: number; reason: FinishReason; usage: Usage }
  | { type: 'fail'; at: number; error: LastError; usage?: Usage | undefined }
  | { type: 'prompt-too-long'; at: number; usage: Usage }
  | { type: 'require-action'; at: number; toolCalls: ToolCall[] }
  | { type: 'submit-tool-outputs' }
  | { type: 'cancel' }
  | { type: 'cancelled'; at: number; usage?: Usage | undefined }
  | { type: 'expire'; at: number; usage?: Usage | undefined };

export type RunEventName = `thread.${string}` | 'done';
export type EmittedEvent = readonly [RunEventName, unknown];

export interface RowWrite {
  table: 'runs' | 'run_steps' | 'messages';
  op: 'insert' | 'update';
}

export type Transition =
  | { ok: true; state: RunState; events: EmittedEvent[]; writes: RowWrite[] }
  | { ok: false; reason: string };

export const terminalStatuses = ['cancelled', 'failed', 'completed', 'incomplete', 'expired'] as const;
export const isTerminal = (status: RunStatus) => (terminalStatuses as readonly string[]).includes(status);

/** A new run's first state, and the events that announce it. */
export function queued(run: Run): { state: RunState; events: EmittedEvent[]; writes: RowWrite[] } {
  const state: RunState = {
    run: { ...run, status: 'queued' },
    step: undefined,
    message: undefined,
    text: '',
  };
  return {
    state,
    events: [
      ['thread.run.created', state.run],
      ['thread.run.queued', state.run],
    ],
    writes: [{ table: 'runs', op: 'insert' }],
  };
}

const allowed: Record<RunStatus, ReadonlyArray<RunInput['type']>> = {
  queued: ['start', 'fail', 'cancel', 'expire'],
  in_progress: ['text', 'finish', 'fail', 'prompt-too-long', 'require-action', 'cancel', 'expire'],
  requires_action: ['submit-tool-outputs', 'fail', 'cancel', 'expire'],
  // The model may still finish or fail before the stop reaches it; a cancel already asked is not asked again.
  cancelling: ['text', 'finish', 'fail', 'prompt-too-long', 'cancelled', 'expire'],
  cancelled: [],
  failed: [],
  completed: [],
  incomplete: [],
  expired: [],
};

export function transition(state: RunState, input: RunInput): Transition {
  const { status } = state.run;
  if (!allowed[status].includes(input.type)) {
    return { ok: false, reason: `A run that is ${status} cannot take '${input.type}'.` };
  }
  switch (input.type) {
    case 'start':
      return start(state, input);
    case 'text':
      return text(state, input.value);
    case 'finish':
      return finish(state, input);
    case 'fail': {
      const run: Run = { ...closedRun(state, input.usage), status: 'failed', failed_at: input.at };
      return end(state, run, { status: 'failed', failed_at: input.at, last_error: input.error }, input, {
        run: { last_error: input.error },
        messageReason: 'run_failed',
      });
    }
    case 'prompt-too-long': {
      const run: Run = {
        ...closedRun(state, input.usage),
        status: 'incomplete',
        incomplete_details: { reason: 'max_prompt_tokens' },
      };
      return end(state, run, { status: 'completed', completed_at: input.at }, input, {
        messageReason: 'max_tokens',
      });
    }
    case 'require-action': {
      const run: Run = {
        ...state.run,
        status: 'requires_action',
        required_action: {
          type: 'submit_tool_outputs',
          submit_tool_outputs: { tool_calls: input.toolCalls },
        },
      };
      return changed({ ...state, run }, [['thread.run.requires_action', run]], ['runs']);
    }
    case 'submit-tool-outputs': {
      const run: Run = { ...state.run, status: 'queued', required_action: null };
      // The next `start` writes a new step and reply for what the model says after the tools.
      return changed(
        { run, step: undefined, message: undefined, text: '' },
        [['thread.run.queued', run]],
        ['runs'],
      );
    }
    case 'cancel': {
      const run: Run = { ...state.run, status: 'cancelling' };
      return changed({ ...state, run }, [['thread.run.cancelling', run]], ['runs']);
    }
    case 'cancelled': {
      const run: Run = { ...closedRun(state, input.usage), status: 'cancelled', cancelled_at: input.at };
      return end(state, run, { status: 'cancelled', cancelled_at: input.at }, input, {
        messageReason: 'run_cancelled',
      });
    }
    case 'expire': {
      const run: Run = { ...closedRun(state, input.usage), status: 'expired' };
      return end(state, run, { status: 'expired', expired_at: input.at }, input, {
        messageReason: 'run_expired',
      });
    }
  }
}

/** The reply as stored: its text so far, whatever its status. */
export function replyRow(state: RunState): Message | undefined {
  if (!state.message) return undefined;
  return { ...state.message, content: state.text ? textContent(state.text) : [] };
}

function start(state: RunState, input: Extract<RunInput, { type: 'start' }>): Transition {
  const run: Run = { ...state.run, status: 'in_progress', started_at: state.run.started_at ?? input.at };
  const message = newAssistantReply(input.messageId, input.at, run, input.generatedBy);
  const step = newMessageCreationStep(input.stepId, input.at, run, message.id);
  return {
    ok: true,
    state: { run, step, message, text: '' },
    events: [
      ['thread.run.in_progress', run],
      ['thread.run.step.created', step],
      ['thread.run.step.in_progress', step],
      ['thread.message.created', message],
      ['thread.message.in_progress', message],
    ],
    writes: [
      { table: 'runs', op: 'update' },
      { table: 'run_steps', op: 'insert' },
      { table: 'messages', op: 'insert' },
    ],
  };
}

function text(state: RunState, value: string): Transition {
  if (!state.message) return { ok: false, reason: 'Text arrived before the reply was created.' };
  if (!value) return { ok: true, state, events: [], writes: [] };
  const delta = {
    id: state.message.id,
    object: 'thread.message.delta',
    delta: { content: [{ index: 0, type: 'text', text: { value, annotations: [] } }] },
  };
  return {
    ok: true,
    state: { ...state, text: state.text + value },
    events: [['thread.message.delta', delta]],
    writes: replyTextWrites,
  };
}

/** What every piece of text changes: one shared value, as text arrives once per token. */
const replyTextWrites: RowWrite[] = [{ table: 'messages', op: 'update' }];

function finish(state: RunState, input: Extract<RunInput, { type: 'finish' }>): Transition {
  if (input.reason === 'length') {
    const run: Run = {
      ...closedRun(state, input.usage),
      status: 'incomplete',
      incomplete_details: { reason: 'max_completion_tokens' },
    };
    return end(state, run, { status: 'completed', completed_at: input.at }, input, {
      messageReason: 'max_tokens',
    });
  }
  const run: Run = { ...closedRun(state, input.usage), status: 'completed', completed_at: input.at };
  return end(state, run, { status: 'completed', completed_at: input.at }, input, {
    messageReason: input.reason === 'content-filter' ? 'content_filter' : undefined,
  });
}

function closedRun(state: RunState, usage: Usage | undefined): Run {
  return { ...state.run, expires_at: null, required_action: null, usage: usage ?? state.run.usage };
}

type MessageReason = NonNullable<Message['incomplete_details']>['reason'];

/** Closes the reply and step (when the run had started them) and the run, announcing each in OpenAI's order. */
function end(
  state: RunState,
  run: Run,
  stepEnd: Partial<RunStep>,
  input: { at: number; usage?: Usage | undefined },
  options: { run?: Partial<Run>; messageReason: MessageReason | undefined },
): Transition {
  const closed: Run = { ...run, ...options.run };
  const events: EmittedEvent[] = [];
  const writes: RowWrite[] = [];
  let { step, message } = state;
  if (message && message.status === 'in_progress') {
    const content = state.text ? textContent(state.text) : [];
    message = options.messageReason
      ? {
          ...message,
          content,
          status: 'incomplete',
          incomplete_at: input.at,
          incomplete_details: { reason: options.messageReason },
        }
      : { ...message, content, status: 'completed', completed_at: input.at };
    events.push([`thread.message.${message.status}`, message]);
    writes.push({ table: 'messages', op: 'update' });
  }
  if (step && step.status === 'in_progress') {
    step = { ...step, ...stepEnd, usage: input.usage ?? step.usage };
    events.push([`thread.run.step.${step.status}`, step]);
    writes.push({ table: 'run_steps', op: 'update' });
  }
  events.push([`thread.run.${closed.status}`, closed]);
  writes.push({ table: 'runs', op: 'update' });
  return { ok: true, state: { ...state, run: closed, step, message }, events, writes };
}

function changed(state: RunState, events: EmittedEvent[], tables: RowWrite['table'][]): Transition {
  return { ok: true, state, events, writes: tables.map((table) => ({ table, op: 'update' as const })) };
}

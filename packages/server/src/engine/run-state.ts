import type { FinishReason } from '../providers/model-provider.ts';
import type { LastError, Metadata, Usage } from '../schemas/common.ts';
import { contentText, type Message, newAssistantReply, textContent } from '../schemas/message.ts';
import type { Run, RunStatus } from '../schemas/run.ts';
import { newMessageCreationStep, newToolCallsStep, type RunStep, stepToolCalls } from '../schemas/step.ts';

/**
 * OpenAI's run lifecycle as one pure function: (state, input) → (next state, the `thread.*` events to
 * emit, the rows to write). Every status a run, its steps and its replies take is decided here and
 * nowhere else; the engine only feeds inputs in and carries the results out.
 *
 * A run generates in turns: each turn may write a reply (a message-creation step) and call functions
 * (a tool-calls step); a turn that called functions waits in `requires_action` for their outputs.
 */

export interface RunState {
  run: Run;
  /** This turn's reply and its message-creation step, once the model has written text. */
  step: RunStep | undefined;
  message: Message | undefined;
  /** The reply's text so far. */
  text: string;
  /** This turn's tool-calls step, once the model has called a function. */
  toolStep: RunStep | undefined;
  /** The backend writing the replies, named in their metadata. */
  generatedBy: string;
  /** What the turns before this one used. */
  usageBefore: Usage | undefined;
}

/** Ids for objects an input may have to create; the engine supplies them when `needs*` says so. */
export interface ReplyIds {
  stepId: string;
  messageId: string;
}

export interface ToolOutput {
  tool_call_id: string;
  output: string;
}

export type RunInput =
  /** The reply opens with the model's first text, as OpenAI's does: a run that fails first leaves none. */
  | { type: 'start'; at: number; generatedBy: string }
  | { type: 'text'; at: number; value: string; ids?: ReplyIds | undefined }
  | { type: 'tool-call'; at: number; id: string; name: string; stepId?: string | undefined }
  | { type: 'tool-arguments'; id: string; value: string }
  /** `ids` let a turn that wrote nothing and called nothing still leave its (empty) reply. */
  | { type: 'finish'; at: number; reason: FinishReason; usage: Usage; ids?: ReplyIds | undefined }
  | { type: 'fail'; at: number; error: LastError; usage?: Usage | undefined }
  | { type: 'prompt-too-long'; at: number; usage: Usage }
  | { type: 'submit-tool-outputs'; at: number; outputs: ToolOutput[] }
  | { type: 'cancel' }
  | { type: 'cancelled'; at: number; usage?: Usage | undefined }
  | { type: 'expire'; at: number; usage?: Usage | undefined }
  /**
   * A client changed the run's or its reply's metadata (already stored): the events still to come carry
   * it. Nothing is announced or written for it.
   */
  | { type: 'metadata'; of: 'run' | 'reply'; id: string; metadata: Metadata };

export type RunEventName = `thread.${string}` | 'done';
export type EmittedEvent = readonly [RunEventName, unknown];

export type RowTable = 'runs' | 'messages' | 'message_step' | 'tool_step';

export interface RowWrite {
  table: RowTable;
  op: 'insert' | 'update';
}

export type Transition =
  | { ok: true; state: RunState; events: EmittedEvent[]; writes: RowWrite[] }
  | { ok: false; reason: string };

export const terminalStatuses = ['cancelled', 'failed', 'completed', 'incomplete', 'expired'] as const;
export const isTerminal = (status: RunStatus) => (terminalStatuses as readonly string[]).includes(status);

/** A stored run's state between turns, as a process that did not generate it sees it. */
export function storedState(
  run: Run,
  rows: Partial<Pick<RunState, 'step' | 'message' | 'toolStep' | 'usageBefore'>> = {},
): RunState {
  const { message } = rows;
  return {
    run,
    step: rows.step,
    message,
    text: message ? contentText(message.content) : '',
    toolStep: rows.toolStep,
    generatedBy: message?.metadata.generated_by ?? '',
    usageBefore: rows.usageBefore,
  };
}

/** What the run's finished turns used: the usage each tool-calls step recorded. */
export const usageOfSteps = (steps: RunStep[]) =>
  steps.reduce<Usage | undefined>(
    (sum, step) => (step.type === 'tool_calls' && step.usage ? addUsage(sum, step.usage) : sum),
    undefined,
  );

/** A new run's first state, and the events that announce it. */
export function queued(run: Run): { state: RunState; events: EmittedEvent[]; writes: RowWrite[] } {
  const state: RunState = {
    run: { ...run, status: 'queued' },
    step: undefined,
    message: undefined,
    text: '',
    toolStep: undefined,
    generatedBy: '',
    usageBefore: undefined,
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
  queued: ['start', 'fail', 'cancel', 'expire', 'metadata'],
  in_progress: [
    'text',
    'tool-call',
    'tool-arguments',
    'finish',
    'fail',
    'prompt-too-long',
    'cancel',
    'expire',
    'metadata',
  ],
  requires_action: ['submit-tool-outputs', 'fail', 'cancel', 'expire', 'metadata'],
  // The model may still finish or fail before the stop reaches it; a cancel already asked is not asked again.
  cancelling: [
    'text',
    'tool-call',
    'tool-arguments',
    'finish',
    'fail',
    'prompt-too-long',
    'cancelled',
    'expire',
    'metadata',
  ],
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
      return text(state, input);
    case 'tool-call':
      return toolCall(state, input);
    case 'tool-arguments':
      return toolArguments(state, input);
    case 'finish':
      return finish(state, input);
    case 'fail': {
      const run: Run = { ...closedRun(state, input.usage), status: 'failed', failed_at: input.at };
      // A step's error codes are fewer than a run's: anything but a rate limit is the server's.
      const stepError: LastError = {
        code: input.error.code === 'rate_limit_exceeded' ? 'rate_limit_exceeded' : 'server_error',
        message: input.error.message,
      };
      return end(state, run, { status: 'failed', failed_at: input.at, last_error: stepError }, input, {
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
    case 'submit-tool-outputs':
      return submitToolOutputs(state, input);
    case 'cancel': {
      const run: Run = { ...state.run, status: 'cancelling' };
      return changed({ ...state, run }, [['thread.run.cancelling', run]], ['runs']);
    }
    case 'cancelled':
      return cancelled(state, input);
    case 'expire': {
      const run: Run = { ...closedRun(state, input.usage), status: 'expired' };
      return end(state, run, { status: 'expired', expired_at: input.at }, input, {
        messageReason: 'run_expired',
      });
    }
    case 'metadata': {
      const { of, id, metadata } = input;
      if (of === 'run')
        return { ok: true, state: { ...state, run: { ...state.run, metadata } }, events: [], writes: [] };
      if (state.message?.id !== id) return { ok: false, reason: `Message ${id} is not this run's reply.` };
      const message = { ...state.message, metadata };
      return { ok: true, state: { ...state, message }, events: [], writes: [] };
    }
  }
}

/** The ids the next `text` must carry: the turn has no reply being written. */
export const needsReplyIds = (state: RunState) => state.message?.status !== 'in_progress';

/** The step id the next `tool-call` must carry: the turn has no tool-calls step open. */
export const needsToolStepId = (state: RunState) => state.toolStep?.status !== 'in_progress';

/** The ids `finish` must carry so that a turn that wrote and called nothing still leaves a reply. */
export const needsEmptyReplyIds = (state: RunState) => !state.message && !state.toolStep;

/** The reply as stored: its text so far, whatever its status. */
export function replyRow(state: RunState): Message | undefined {
  if (!state.message) return undefined;
  return { ...state.message, content: replyContent(state) };
}

function start(state: RunState, input: Extract<RunInput, { type: 'start' }>): Transition {
  const run: Run = { ...state.run, status: 'in_progress', started_at: state.run.started_at ?? input.at };
  const events: EmittedEvent[] = [['thread.run.in_progress', run]];
  const writes: RowWrite[] = [{ table: 'runs', op: 'update' }];
  let { toolStep } = state;
  // The outputs were submitted: the turn that asked for them is over once the run goes on.
  if (toolStep?.status === 'in_progress') {
    toolStep = { ...toolStep, status: 'completed', completed_at: input.at };
    events.push(['thread.run.step.completed', toolStep]);
    writes.push({ table: 'tool_step', op: 'update' });
  }
  const next: RunState = {
    ...state,
    run,
    toolStep,
    step: undefined,
    message: undefined,
    text: '',
    generatedBy: input.generatedBy,
  };
  return { ok: true, state: next, events, writes };
}

/** A new reply and its step, announced in OpenAI's order. */
function openReply(state: RunState, ids: ReplyIds, at: number) {
  const message = newAssistantReply(ids.messageId, at, state.run, state.generatedBy);
  const step = newMessageCreationStep(ids.stepId, at, state.run, message.id);
  const events: EmittedEvent[] = [
    ['thread.run.step.created', step],
    ['thread.run.step.in_progress', step],
    ['thread.message.created', message],
    ['thread.message.in_progress', message],
  ];
  const writes: RowWrite[] = [
    { table: 'message_step', op: 'insert' },
    { table: 'messages', op: 'insert' },
  ];
  return { state: { ...state, step, message, text: '' }, events, writes };
}

function text(state: RunState, input: Extract<RunInput, { type: 'text' }>): Transition {
  if (!input.value) return { ok: true, state, events: [], writes: [] };
  let opened: ReturnType<typeof openReply> | undefined;
  if (needsReplyIds(state)) {
    if (!input.ids) return { ok: false, reason: 'Text that starts a reply needs its ids.' };
    opened = openReply(state, input.ids, input.at);
  }
  const current = opened?.state ?? state;
  const message = current.message as Message;
  const delta = {
    id: message.id,
    object: 'thread.message.delta',
    delta: { content: [{ index: 0, type: 'text', text: { value: input.value, annotations: [] } }] },
  };
  const next = { ...current, text: current.text + input.value };
  if (!opened)
    return { ok: true, state: next, events: [['thread.message.delta', delta]], writes: replyTextWrites };
  return {
    ok: true,
    state: next,
    events: [...opened.events, ['thread.message.delta', delta]],
    writes: [...opened.writes, ...replyTextWrites],
  };
}

/** What every piece of text changes: one shared value, as text arrives once per token. */
const replyTextWrites: RowWrite[] = [{ table: 'messages', op: 'update' }];

/** The reply written so far, closed as complete: the turn goes on with function calls. */
function closeReply(state: RunState, at: number) {
  if (state.message?.status !== 'in_progress' || !state.step) return { state, events: [], writes: [] };
  const message: Message = {
    ...state.message,
    content: replyContent(state),
    status: 'completed',
    completed_at: at,
  };
  const step: RunStep = { ...state.step, status: 'completed', completed_at: at };
  return {
    state: { ...state, message, step },
    events: [
      ['thread.message.completed', message],
      ['thread.run.step.completed', step],
    ] as EmittedEvent[],
    writes: [
      { table: 'messages', op: 'update' },
      { table: 'message_step', op: 'update' },
    ] as RowWrite[],
  };
}

function toolCall(state: RunState, input: Extract<RunInput, { type: 'tool-call' }>): Transition {
  const closed = closeReply(state, input.at);
  const events = [...closed.events];
  const writes = [...closed.writes];
  let toolStep = closed.state.toolStep;
  if (needsToolStepId(closed.state)) {
    if (!input.stepId) return { ok: false, reason: 'A first function call needs its step id.' };
    toolStep = newToolCallsStep(input.stepId, input.at, state.run);
    events.push(['thread.run.step.created', toolStep], ['thread.run.step.in_progress', toolStep]);
    writes.push({ table: 'tool_step', op: 'insert' });
  }
  const calls = stepToolCalls(toolStep);
  if (calls.some((call) => call.id === input.id)) {
    return { ok: false, reason: `The model called ${input.id} twice.` };
  }
  const call = {
    id: input.id,
    type: 'function' as const,
    function: { name: input.name, arguments: '', output: null },
  };
  toolStep = withCalls(toolStep as RunStep, [...calls, call]);
  events.push(['thread.run.step.delta', stepDelta(toolStep, { index: calls.length, ...call })]);
  writes.push({ table: 'tool_step', op: 'update' });
  return { ok: true, state: { ...closed.state, toolStep }, events, writes };
}

function toolArguments(state: RunState, input: Extract<RunInput, { type: 'tool-arguments' }>): Transition {
  const calls = stepToolCalls(state.toolStep);
  const index = calls.findIndex((call) => call.id === input.id);
  const call = calls[index];
  if (!call || state.toolStep?.status !== 'in_progress') {
    return { ok: false, reason: `Arguments for ${input.id}, a call the model never started.` };
  }
  if (!input.value) return { ok: true, state, events: [], writes: [] };
  const grown = { ...call, function: { ...call.function, arguments: call.function.arguments + input.value } };
  const toolStep = withCalls(state.toolStep, calls.with(index, grown));
  const delta = stepDelta(toolStep, { index, type: 'function', function: { arguments: input.value } });
  return {
    ok: true,
    state: { ...state, toolStep },
    events: [['thread.run.step.delta', delta]],
    writes: toolArgumentWrites,
  };
}

const toolArgumentWrites: RowWrite[] = [{ table: 'tool_step', op: 'update' }];

const withCalls = (step: RunStep, toolCalls: ReturnType<typeof stepToolCalls>): RunStep => ({
  ...step,
  step_details: { type: 'tool_calls', tool_calls: toolCalls },
});

const stepDelta = (step: RunStep, call: Record<string, unknown>) => ({
  id: step.id,
  object: 'thread.run.step.delta',
  delta: { step_details: { type: 'tool_calls', tool_calls: [call] } },
});

function finish(state: RunState, input: Extract<RunInput, { type: 'finish' }>): Transition {
  const calls = state.toolStep?.status === 'in_progress' ? stepToolCalls(state.toolStep) : [];
  if (calls.length > 0 && state.run.status !== 'in_progress') return cancelled(state, input);
  // Calls cut off by the token limit may hold half their arguments: the run ends incomplete instead.
  if (calls.length > 0 && input.reason !== 'length') return requireAction(state, input);
  let opened: ReturnType<typeof openReply> | undefined;
  if (needsEmptyReplyIds(state) && input.ids) opened = openReply(state, input.ids, input.at);
  const current = opened?.state ?? state;
  const ended =
    input.reason === 'length'
      ? end(
          current,
          {
            ...closedRun(current, input.usage),
            status: 'incomplete',
            incomplete_details: { reason: 'max_completion_tokens' },
          },
          { status: 'completed', completed_at: input.at },
          input,
          { messageReason: 'max_tokens' },
        )
      : end(
          current,
          { ...closedRun(current, input.usage), status: 'completed', completed_at: input.at },
          { status: 'completed', completed_at: input.at },
          input,
          { messageReason: input.reason === 'content-filter' ? 'content_filter' : undefined },
        );
  if (!opened || !ended.ok) return ended;
  return {
    ...ended,
    events: [...opened.events, ...ended.events],
    writes: [...opened.writes, ...ended.writes],
  };
}

/** The turn called functions: the run waits for the app to run them and submit their outputs. */
function requireAction(state: RunState, input: Extract<RunInput, { type: 'finish' }>): Transition {
  const closed = closeReply(state, input.at);
  const toolStep = { ...(state.toolStep as RunStep), usage: input.usage };
  const toolCalls = stepToolCalls(toolStep).map(({ id, function: { name, arguments: args } }) => ({
    id,
    type: 'function' as const,
    function: { name, arguments: args },
  }));
  const run: Run = {
    ...state.run,
    status: 'requires_action',
    required_action: { type: 'submit_tool_outputs', submit_tool_outputs: { tool_calls: toolCalls } },
  };
  return {
    ok: true,
    state: { ...closed.state, run, toolStep, usageBefore: addUsage(state.usageBefore, input.usage) },
    events: [...closed.events, ['thread.run.requires_action', run]],
    writes: [...closed.writes, { table: 'tool_step', op: 'update' }, { table: 'runs', op: 'update' }],
  };
}

function submitToolOutputs(
  state: RunState,
  input: Extract<RunInput, { type: 'submit-tool-outputs' }>,
): Transition {
  const calls = stepToolCalls(state.toolStep);
  const reason = outputsMismatch(
    calls.map((call) => call.id),
    input.outputs.map((output) => output.tool_call_id),
  );
  if (reason || !state.toolStep)
    return { ok: false, reason: reason ?? 'The run has no function calls waiting.' };
  const outputs = new Map(input.outputs.map((output) => [output.tool_call_id, output.output]));
  const toolStep = withCalls(
    state.toolStep,
    calls.map((call) => ({ ...call, function: { ...call.function, output: outputs.get(call.id) ?? '' } })),
  );
  const run: Run = { ...state.run, status: 'queued', required_action: null };
  return {
    ok: true,
    state: { ...state, run, toolStep },
    events: [['thread.run.queued', run]],
    writes: [
      { table: 'runs', op: 'update' },
      { table: 'tool_step', op: 'update' },
    ],
  };
}

/** Why `submitted` does not answer exactly the calls `expected`, or undefined when it does. */
function outputsMismatch(expected: string[], submitted: string[]): string | undefined {
  const unknown = submitted.filter((id) => !expected.includes(id));
  const missing = expected.filter((id) => !submitted.includes(id));
  if (unknown.length > 0)
    return `No function call waits for ${unknown.join(', ')}: expected ${expected.join(', ')}.`;
  if (missing.length > 0)
    return `Outputs for every call are submitted together: missing ${missing.join(', ')}.`;
  if (new Set(submitted).size !== submitted.length)
    return 'Each call takes one output; some were given twice.';
  return undefined;
}

function cancelled(state: RunState, input: { at: number; usage?: Usage | undefined }): Transition {
  const run: Run = { ...closedRun(state, input.usage), status: 'cancelled', cancelled_at: input.at };
  return end(state, run, { status: 'cancelled', cancelled_at: input.at }, input, {
    messageReason: 'run_cancelled',
  });
}

function closedRun(state: RunState, usage: Usage | undefined): Run {
  const total = usage ? addUsage(state.usageBefore, usage) : (state.usageBefore ?? state.run.usage);
  return { ...state.run, expires_at: null, required_action: null, usage: total };
}

function addUsage(before: Usage | undefined, turn: Usage): Usage {
  if (!before) return turn;
  return {
    prompt_tokens: before.prompt_tokens + turn.prompt_tokens,
    completion_tokens: before.completion_tokens + turn.completion_tokens,
    total_tokens: before.total_tokens + turn.total_tokens,
  };
}

const replyContent = (state: RunState) => (state.text ? textContent(state.text) : []);

type MessageReason = NonNullable<Message['incomplete_details']>['reason'];

/** Closes what the turn left open (reply, steps) and the run, announcing each in OpenAI's order. */
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
  let { step, message, toolStep } = state;
  if (message && message.status === 'in_progress') {
    const content = replyContent(state);
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
    writes.push({ table: 'message_step', op: 'update' });
  }
  if (toolStep && toolStep.status === 'in_progress') {
    toolStep = { ...toolStep, ...stepEnd, usage: toolStep.usage ?? input.usage ?? null };
    events.push([`thread.run.step.${toolStep.status}`, toolStep]);
    writes.push({ table: 'tool_step', op: 'update' });
  }
  events.push([`thread.run.${closed.status}`, closed]);
  writes.push({ table: 'runs', op: 'update' });
  return { ok: true, state: { ...state, run: closed, step, message, toolStep }, events, writes };
}

function changed(state: RunState, events: EmittedEvent[], tables: RowTable[]): Transition {
  return { ok: true, state, events, writes: tables.map((table) => ({ table, op: 'update' as const })) };
}

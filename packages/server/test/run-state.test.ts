import assert from 'node:assert/strict';
import { test } from 'node:test';
import { queued, type RunInput, type RunState, transition } from '../src/engine/run-state.ts';
import { newRun, type Run, type RunStatus } from '../src/schemas/run.ts';

const at = 1_800_000_000;
const usage = { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 };
const inputs: Record<RunInput['type'], RunInput> = {
  start: { type: 'start', at, generatedBy: 'test' },
  text: { type: 'text', at, value: 'Hello', ids: { stepId: 'step_1', messageId: 'msg_1' } },
  'tool-call': { type: 'tool-call', at, id: 'call_1', name: 'weather', stepId: 'step_t' },
  'tool-arguments': { type: 'tool-arguments', id: 'call_1', value: '{"city":"Seoul"}' },
  finish: { type: 'finish', at, reason: 'stop', usage },
  fail: { type: 'fail', at, error: { code: 'server_error', message: 'It broke.' } },
  'prompt-too-long': { type: 'prompt-too-long', at, usage },
  'submit-tool-outputs': {
    type: 'submit-tool-outputs',
    at,
    outputs: [{ tool_call_id: 'call_1', output: 'sunny' }],
  },
  cancel: { type: 'cancel' },
  cancelled: { type: 'cancelled', at },
  expire: { type: 'expire', at },
  metadata: { type: 'metadata', of: 'run', id: 'run_1', metadata: { mood: 'calm' } },
};

const run: Run = newRun(
  'run_1',
  at,
  'thread_1',
  {
    id: 'asst_1',
    model: 'm',
    instructions: 'Be kind.',
    tools: [{ type: 'function', function: { name: 'weather' } }],
    temperature: null,
    top_p: null,
    response_format: 'auto',
  },
  { assistant_id: 'asst_1' },
);

/** A run brought to each status the way the engine gets it there. */
function stateIn(status: RunStatus): RunState {
  const apply = (state: RunState, ...steps: RunInput[]) =>
    steps.reduce((current, input) => {
      const next = transition(current, input);
      assert.ok(next.ok, `setting up ${status}: ${next.ok ? '' : next.reason}`);
      return next.state;
    }, state);
  const fresh = queued(run).state;
  const generating = apply(fresh, inputs.start, inputs.text);
  const states: Record<RunStatus, () => RunState> = {
    queued: () => fresh,
    in_progress: () => generating,
    requires_action: () =>
      apply(fresh, inputs.start, inputs['tool-call'], inputs['tool-arguments'], {
        type: 'finish',
        at,
        reason: 'tool-calls',
        usage,
      }),
    cancelling: () => apply(generating, inputs.cancel),
    cancelled: () => apply(generating, inputs.cancel, inputs.cancelled),
    failed: () => apply(generating, inputs.fail),
    completed: () => apply(generating, inputs.finish),
    incomplete: () => apply(generating, inputs['prompt-too-long']),
    expired: () => apply(generating, inputs.expire),
  };
  return states[status]();
}

// Every status × every input: the status it leads to, or absent where the transition is refused.
// (`tool-arguments` is refused while generating here only because no call was started; see below.)
const table: Record<RunStatus, Partial<Record<RunInput['type'], RunStatus>>> = {
  queued: {
    start: 'in_progress',
    fail: 'failed',
    cancel: 'cancelling',
    expire: 'expired',
    metadata: 'queued',
  },
  in_progress: {
    text: 'in_progress',
    'tool-call': 'in_progress',
    finish: 'completed',
    fail: 'failed',
    'prompt-too-long': 'incomplete',
    cancel: 'cancelling',
    expire: 'expired',
    metadata: 'in_progress',
  },
  requires_action: {
    'submit-tool-outputs': 'queued',
    fail: 'failed',
    cancel: 'cancelling',
    expire: 'expired',
    metadata: 'requires_action',
  },
  cancelling: {
    text: 'cancelling',
    'tool-call': 'cancelling',
    finish: 'completed',
    fail: 'failed',
    'prompt-too-long': 'incomplete',
    cancelled: 'cancelled',
    expire: 'expired',
    metadata: 'cancelling',
  },
  cancelled: {},
  failed: {},
  completed: {},
  incomplete: {},
  expired: {},
};

for (const [status, legal] of Object.entries(table) as Array<[RunStatus, (typeof table)[RunStatus]]>) {
  for (const input of Object.values(inputs)) {
    const expected = legal[input.type];
    test(`${status} + ${input.type} → ${expected ?? 'refused'}`, () => {
      const before = stateIn(status);
      const snapshot = structuredClone(before);
      const result = transition(before, input);
      assert.deepEqual(before, snapshot, 'the state given is never changed');
      if (expected === undefined) {
        assert.equal(result.ok, false);
        return;
      }
      assert.ok(result.ok);
      assert.equal(result.state.run.status, expected);
      const runEvents = result.events.filter(([name]) => /^thread\.run\.[a-z_]+$/.test(name));
      if (expected !== status) {
        assert.deepEqual(runEvents.at(-1), [`thread.run.${expected}`, result.state.run]);
        assert.ok(
          result.writes.some((w) => w.table === 'runs'),
          'a status change writes the run',
        );
      }
    });
  }
}

test('metadata a client stored meanwhile is what the run and its reply end with; it is neither announced nor written', () => {
  let state = stateIn('in_progress');
  const replyId = state.message?.id ?? '';
  for (const input of [
    inputs.metadata,
    { type: 'metadata', of: 'reply', id: replyId, metadata: { haru_shown: '5' } },
  ] as const) {
    const result = transition(state, input);
    assert.ok(result.ok);
    assert.deepEqual([result.events, result.writes], [[], []]);
    state = result.state;
  }
  const ended = transition(state, inputs.finish);
  assert.ok(ended.ok);
  const data = (name: string) => ended.events.find(([event]) => event === name)?.[1] as { metadata: unknown };
  assert.deepEqual(data('thread.run.completed').metadata, { mood: 'calm' });
  assert.deepEqual(data('thread.message.completed').metadata, { haru_shown: '5' });
  const other = transition(state, { type: 'metadata', of: 'reply', id: 'msg_other', metadata: {} });
  assert.equal(other.ok, false, "another message's metadata is not taken for the reply's");
});

test('a run that ends after it started closes its reply and step first, in OpenAI’s order', () => {
  const cases: Array<[RunInput, string[], string | null]> = [
    [inputs.finish, ['thread.message.completed', 'thread.run.step.completed', 'thread.run.completed'], null],
    [
      { type: 'finish', at, reason: 'length', usage },
      ['thread.message.incomplete', 'thread.run.step.completed', 'thread.run.incomplete'],
      'max_tokens',
    ],
    [inputs.fail, ['thread.message.incomplete', 'thread.run.step.failed', 'thread.run.failed'], 'run_failed'],
    [
      inputs.expire,
      ['thread.message.incomplete', 'thread.run.step.expired', 'thread.run.expired'],
      'run_expired',
    ],
  ];
  for (const [input, events, reason] of cases) {
    const result = transition(stateIn('in_progress'), input);
    assert.ok(result.ok);
    assert.deepEqual(
      result.events.map(([name]) => name),
      events,
    );
    const message = result.state.message;
    assert.equal(message?.incomplete_details?.reason ?? null, reason);
    assert.equal(message?.content[0]?.text.value, 'Hello', 'the text written so far is kept');
    assert.equal(result.state.run.expires_at, null);
  }
  const cancelled = transition(stateIn('cancelling'), inputs.cancelled);
  assert.ok(cancelled.ok);
  assert.deepEqual(
    cancelled.events.map(([name]) => name),
    ['thread.message.incomplete', 'thread.run.step.cancelled', 'thread.run.cancelled'],
  );
});

test('a run cancelled or failed before it started announces only the run', () => {
  const cancelling = transition(stateIn('queued'), inputs.cancel);
  assert.ok(cancelling.ok);
  const cancelled = transition(cancelling.state, inputs.cancelled);
  assert.ok(cancelled.ok);
  assert.deepEqual(
    cancelled.events.map(([name]) => name),
    ['thread.run.cancelled'],
  );
  const { ids: _, ...withoutIds } = inputs.text as Extract<RunInput, { type: 'text' }>;
  assert.equal(transition(cancelling.state, withoutIds).ok, false, 'no text without a reply to write it in');
});

test('a failed run carries its error; usage is recorded on the run and the step', () => {
  const failed = transition(stateIn('in_progress'), { ...inputs.fail, usage } as RunInput);
  assert.ok(failed.ok);
  assert.deepEqual(failed.state.run.last_error, { code: 'server_error', message: 'It broke.' });
  assert.deepEqual(failed.state.step?.last_error, { code: 'server_error', message: 'It broke.' });
  assert.deepEqual(failed.state.run.usage, usage);
  assert.deepEqual(failed.state.step?.usage, usage);
});

test('a turn that calls functions: its reply closes, the calls stream as step deltas, the run waits', () => {
  let state = stateIn('queued');
  const names: string[] = [];
  const feed = (input: RunInput) => {
    const result = transition(state, input);
    assert.ok(result.ok, result.ok ? '' : result.reason);
    names.push(...result.events.map(([name]) => name));
    state = result.state;
    return result;
  };
  feed(inputs.start);
  feed({ type: 'text', at, value: 'Let me look.', ids: { stepId: 'step_1', messageId: 'msg_1' } });
  feed(inputs['tool-call']);
  feed(inputs['tool-arguments']);
  const second = feed({ type: 'tool-call', at, id: 'call_2', name: 'weather' });
  assert.deepEqual(second.events[0]?.[1], {
    id: 'step_t',
    object: 'thread.run.step.delta',
    delta: {
      step_details: {
        type: 'tool_calls',
        tool_calls: [
          {
            index: 1,
            id: 'call_2',
            type: 'function',
            function: { name: 'weather', arguments: '', output: null },
          },
        ],
      },
    },
  });
  feed({ type: 'tool-arguments', id: 'call_2', value: '{"city":"Busan"}' });
  feed({ type: 'finish', at, reason: 'tool-calls', usage });
  assert.deepEqual(names, [
    'thread.run.in_progress',
    'thread.run.step.created',
    'thread.run.step.in_progress',
    'thread.message.created',
    'thread.message.in_progress',
    'thread.message.delta',
    'thread.message.completed',
    'thread.run.step.completed',
    'thread.run.step.created',
    'thread.run.step.in_progress',
    'thread.run.step.delta',
    'thread.run.step.delta',
    'thread.run.step.delta',
    'thread.run.step.delta',
    'thread.run.requires_action',
  ]);
  assert.equal(state.run.status, 'requires_action');
  assert.deepEqual(state.run.required_action?.submit_tool_outputs.tool_calls, [
    { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Seoul"}' } },
    { id: 'call_2', type: 'function', function: { name: 'weather', arguments: '{"city":"Busan"}' } },
  ]);
  assert.equal(state.toolStep?.status, 'in_progress', 'the step waits with the run');
  assert.equal(state.run.usage, null, 'usage is the run’s only once it ends');

  const partial = transition(state, {
    type: 'submit-tool-outputs',
    at,
    outputs: [{ tool_call_id: 'call_1', output: 'sunny' }],
  });
  assert.equal(partial.ok, false, 'outputs for every call come together');
  const unknown = transition(state, {
    type: 'submit-tool-outputs',
    at,
    outputs: [
      { tool_call_id: 'call_1', output: 'sunny' },
      { tool_call_id: 'call_9', output: 'rain' },
    ],
  });
  assert.equal(unknown.ok, false, 'an output for a call nobody made is refused');

  names.length = 0;
  feed({
    type: 'submit-tool-outputs',
    at,
    outputs: [
      { tool_call_id: 'call_2', output: 'cloudy' },
      { tool_call_id: 'call_1', output: 'sunny' },
    ],
  });
  assert.equal(state.run.required_action, null);
  feed(inputs.start);
  assert.deepEqual(
    state.toolStep?.step_details.type === 'tool_calls' &&
      state.toolStep.step_details.tool_calls.map((c) => c.function.output),
    ['sunny', 'cloudy'],
  );
  feed({ type: 'text', at, value: 'Sunny in Seoul.', ids: { stepId: 'step_2', messageId: 'msg_2' } });
  feed(inputs.finish);
  assert.deepEqual(names, [
    'thread.run.queued',
    'thread.run.in_progress',
    'thread.run.step.completed',
    'thread.run.step.created',
    'thread.run.step.in_progress',
    'thread.message.created',
    'thread.message.in_progress',
    'thread.message.delta',
    'thread.message.completed',
    'thread.run.step.completed',
    'thread.run.completed',
  ]);
  assert.equal(state.message?.id, 'msg_2');
  assert.deepEqual(
    state.run.usage,
    { prompt_tokens: 6, completion_tokens: 4, total_tokens: 10 },
    'both turns count',
  );
});

test('a cancel while the model was still calling functions ends the run cancelled, not waiting', () => {
  const calling = transition(stateIn('in_progress'), inputs['tool-call']);
  assert.ok(calling.ok);
  const cancelling = transition(calling.state, inputs.cancel);
  assert.ok(cancelling.ok);
  const finished = transition(cancelling.state, { ...inputs.finish, reason: 'tool-calls' } as RunInput);
  assert.ok(finished.ok);
  assert.equal(finished.state.run.status, 'cancelled');
  assert.equal(finished.state.toolStep?.status, 'cancelled');
});

test('a turn that wrote nothing still leaves its empty reply, given ids', () => {
  const started = transition(queued(run).state, inputs.start);
  assert.ok(started.ok);
  const finished = transition(started.state, {
    ...inputs.finish,
    ids: { stepId: 'step_e', messageId: 'msg_e' },
  } as RunInput);
  assert.ok(finished.ok);
  assert.equal(finished.state.message?.status, 'completed');
  assert.deepEqual(finished.state.message?.content, []);
});

test('the first events of a run: created, then queued', () => {
  assert.deepEqual(
    queued(run).events.map(([name]) => name),
    ['thread.run.created', 'thread.run.queued'],
  );
});

test('a run that fails before the model writes leaves no reply and no step, as OpenAI’s do', () => {
  const started = transition(queued(run).state, inputs.start);
  assert.ok(started.ok);
  const failed = transition(started.state, {
    type: 'fail',
    at,
    error: { code: 'invalid_prompt', message: 'The model refused the request.' },
  });
  assert.ok(failed.ok);
  assert.deepEqual(
    failed.events.map(([name]) => name),
    ['thread.run.failed'],
  );
  assert.equal(failed.state.message, undefined);
});

test('a failed step’s error uses the codes a step may have: a run’s invalid_prompt is a server_error there', () => {
  const started = transition(queued(run).state, inputs.start);
  assert.ok(started.ok);
  const writing = transition(started.state, inputs.text);
  assert.ok(writing.ok);
  const failed = transition(writing.state, {
    type: 'fail',
    at,
    error: { code: 'invalid_prompt', message: 'The model refused the request.' },
  });
  assert.ok(failed.ok);
  const step = failed.events.find(([name]) => name === 'thread.run.step.failed')?.[1] as {
    last_error: { code: string };
  };
  const ended = failed.events.find(([name]) => name === 'thread.run.failed')?.[1] as Run;
  assert.equal(step.last_error.code, 'server_error');
  assert.equal(ended.last_error?.code, 'invalid_prompt');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { queued, type RunInput, type RunState, transition } from '../src/engine/run-state.ts';
import { newRun, type Run, type RunStatus } from '../src/schemas/run.ts';

const at = 1_800_000_000;
const usage = { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 };
const inputs: Record<RunInput['type'], RunInput> = {
  start: { type: 'start', at, stepId: 'step_1', messageId: 'msg_1', generatedBy: 'test' },
  text: { type: 'text', value: 'Hello' },
  finish: { type: 'finish', at, reason: 'stop', usage },
  fail: { type: 'fail', at, error: { code: 'server_error', message: 'It broke.' } },
  'prompt-too-long': { type: 'prompt-too-long', at, usage },
  'require-action': {
    type: 'require-action',
    at,
    toolCalls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{}' } }],
  },
  'submit-tool-outputs': { type: 'submit-tool-outputs' },
  cancel: { type: 'cancel' },
  cancelled: { type: 'cancelled', at },
  expire: { type: 'expire', at },
};

const run: Run = newRun(
  'run_1',
  at,
  'thread_1',
  {
    id: 'asst_1',
    model: 'm',
    instructions: 'Be kind.',
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
    requires_action: () => apply(fresh, inputs.start, inputs['require-action']),
    cancelling: () => apply(generating, inputs.cancel),
    cancelled: () => apply(generating, inputs.cancel, inputs.cancelled),
    failed: () => apply(generating, inputs.fail),
    completed: () => apply(generating, inputs.finish),
    incomplete: () => apply(generating, inputs['prompt-too-long']),
    expired: () => apply(generating, inputs.expire),
  };
  return states[status]();
}

// Every status × every input: the status it leads to, or `null` where the transition is refused.
const table: Record<RunStatus, Partial<Record<RunInput['type'], RunStatus>>> = {
  queued: { start: 'in_progress', fail: 'failed', cancel: 'cancelling', expire: 'expired' },
  in_progress: {
    text: 'in_progress',
    finish: 'completed',
    fail: 'failed',
    'prompt-too-long': 'incomplete',
    'require-action': 'requires_action',
    cancel: 'cancelling',
    expire: 'expired',
  },
  requires_action: {
    'submit-tool-outputs': 'queued',
    fail: 'failed',
    cancel: 'cancelling',
    expire: 'expired',
  },
  cancelling: {
    text: 'cancelling',
    finish: 'completed',
    fail: 'failed',
    'prompt-too-long': 'incomplete',
    cancelled: 'cancelled',
    expire: 'expired',
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
  assert.equal(transition(cancelling.state, inputs.text).ok, false, 'no text without a reply');
});

test('a failed run carries its error; usage is recorded on the run and the step', () => {
  const failed = transition(stateIn('in_progress'), { ...inputs.fail, usage } as RunInput);
  assert.ok(failed.ok);
  assert.deepEqual(failed.state.run.last_error, { code: 'server_error', message: 'It broke.' });
  assert.deepEqual(failed.state.step?.last_error, { code: 'server_error', message: 'It broke.' });
  assert.deepEqual(failed.state.run.usage, usage);
  assert.deepEqual(failed.state.step?.usage, usage);
});

test('tool calls wait in requires_action; outputs queue the run again for a new reply', () => {
  const waiting = stateIn('requires_action');
  assert.equal(waiting.run.required_action?.submit_tool_outputs.tool_calls[0]?.id, 'call_1');
  const resumed = transition(waiting, inputs['submit-tool-outputs']);
  assert.ok(resumed.ok);
  assert.equal(resumed.state.run.required_action, null);
  const restarted = transition(resumed.state, {
    type: 'start',
    at,
    stepId: 'step_2',
    messageId: 'msg_2',
    generatedBy: 'test',
  });
  assert.ok(restarted.ok);
  assert.equal(restarted.state.message?.id, 'msg_2');
});

test('the first events of a run: created, then queued', () => {
  assert.deepEqual(
    queued(run).events.map(([name]) => name),
    ['thread.run.created', 'thread.run.queued'],
  );
});

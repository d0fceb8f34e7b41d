import type { Message } from '../schemas/message.ts';
import type { Run } from '../schemas/run.ts';
import type { Stores } from '../storage/stores.ts';
import { sseFrame } from './run-event-log.ts';
import {
  isTerminal,
  type RunInput,
  type RunState,
  replyRow,
  storedState,
  transition,
  usageOfSteps,
} from './run-state.ts';

/**
 * More events than a run can have sent but not stored: writes happen at every 4 KB of events, and the
 * smallest event is over 100 bytes.
 */
const unstoredEventsBound = 1000;

/**
 * Ends a run no process is generating, from what is stored: the reply keeps the text written so far,
 * the step and run are closed, and the closing events and `done` follow the run's stored events, so a
 * client resuming its stream sees the end. Call inside a transaction. Returns the run as closed.
 */
export async function closeStoredRun(tx: Stores, userId: string, run: Run, inputs: RunInput[]): Promise<Run> {
  let state = await loadRunState(tx, userId, run);
  const frames: string[] = [];
  // A process that died while generating may have sent events it never stored; the closing events get
  // ids past any of those, so a client resuming from the last id it saw still receives them.
  const generating = run.status === 'in_progress' || run.status === 'cancelling';
  const firstId = (await tx.events.lastId(run.id)) + 1 + (generating ? unstoredEventsBound : 0);
  const changed = new Set<string>();
  for (const input of inputs) {
    const result = transition(state, input);
    if (!result.ok) continue;
    state = result.state;
    for (const [name, data] of result.events) frames.push(sseFrame(firstId + frames.length, name, data));
    for (const write of result.writes) changed.add(write.table);
  }
  if (isTerminal(state.run.status)) frames.push(sseFrame(firstId + frames.length, 'done', '[DONE]'));

  if (changed.has('runs')) {
    const endedAt = isTerminal(state.run.status) ? Date.now() : null;
    // Someone else closed or changed it meanwhile: theirs stands, and these events were never true.
    if (!(await tx.runs.updateIfStatus(userId, state.run, [run.status], endedAt))) {
      return (await tx.runs.find(userId, run.id)) ?? run;
    }
  }
  const replyNow = replyRow(state);
  if (changed.has('messages') && replyNow) await tx.messages.update(userId, replyNow);
  if (changed.has('message_step') && state.step) await tx.steps.update(userId, state.step);
  if (changed.has('tool_step') && state.toolStep) await tx.steps.update(userId, state.toolStep);
  if (frames.length > 0) await tx.events.append(run.id, firstId, frames);
  return state.run;
}

/** A stored run's open reply and steps, and what its finished turns used, as the state machine sees them. */
export async function loadRunState(tx: Stores, userId: string, run: Run): Promise<RunState> {
  const steps = (await tx.steps.list(userId, { limit: 100, order: 'asc' }, { run_id: run.id })).data;
  const open = steps.filter((step) => step.status === 'in_progress');
  const step = open.find((candidate) => candidate.step_details.type === 'message_creation');
  const toolStep = open.find((candidate) => candidate.type === 'tool_calls');
  const message =
    step?.step_details.type === 'message_creation'
      ? await tx.messages.find(userId, step.step_details.message_creation.message_id)
      : undefined;
  const reply: Message | undefined = message?.status === 'in_progress' ? message : undefined;
  return storedState(run, { step, message: reply, toolStep, usageBefore: usageOfSteps(steps) });
}

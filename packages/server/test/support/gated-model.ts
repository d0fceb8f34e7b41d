import type { ChatMessage, ModelProvider } from '../../src/providers/model-provider.ts';

/**
 * A model backend whose every call waits until the test releases it, known by the last user message
 * of its prompt; it then says one word and reports `usage` tokens.
 */
export function gatedModel(usage = { promptTokens: 10, completionTokens: 5 }) {
  const gates = new Map<string, () => void>();
  const started: string[] = [];
  let listeners: Array<() => void> = [];

  const labelOf = (messages: ChatMessage[]) =>
    messages.findLast((message) => message.role === 'user')?.content ?? '';

  const provider: ModelProvider = {
    name: 'gated-model',
    async *stream(request) {
      const label = labelOf(request.messages);
      started.push(label);
      for (const listener of listeners) listener();
      await new Promise<void>((resolve) => {
        gates.set(label, resolve);
        request.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      yield { type: 'text-delta', text: 'Noted.' };
      yield { type: 'finish', reason: 'stop', usage };
    },
  };

  return {
    provider,
    /** The labels of the calls made so far, in order. */
    started: () => [...started],
    /** Resolves once `count` calls have been made. */
    untilStarted(count: number): Promise<void> {
      if (started.length >= count) return Promise.resolve();
      return new Promise((resolve) => {
        const check = () => {
          if (started.length < count) return;
          listeners = listeners.filter((listener) => listener !== check);
          resolve();
        };
        listeners.push(check);
      });
    },
    release(label: string) {
      const gate = gates.get(label);
      if (!gate) throw new Error(`no call for '${label}' is waiting`);
      gates.delete(label);
      gate();
    },
    releaseAll() {
      for (const label of [...gates.keys()]) this.release(label);
    },
  };
}

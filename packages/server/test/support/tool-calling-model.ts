import type {
  ChatMessage,
  GenerateRequest,
  ModelProvider,
  StreamPart,
} from '../../src/providers/model-provider.ts';

/**
 * A model backend that asks for the weather in two cities at once, streaming each call's arguments in
 * pieces, and once it has the outputs answers with them. Records what it was asked.
 */
export function toolCallingModel() {
  const requests: GenerateRequest[] = [];
  const provider: ModelProvider = {
    name: 'tool-calling-model',
    async *stream(request) {
      requests.push(request);
      const outputs = request.messages.filter(
        (message): message is Extract<ChatMessage, { role: 'tool' }> => message.role === 'tool',
      );
      if (outputs.length > 0) {
        for (const piece of [
          'Seoul is ',
          outputs[0]?.content ?? '',
          ' and Busan is ',
          outputs[1]?.content ?? '',
          '.',
        ]) {
          yield { type: 'text-delta', text: piece };
        }
        yield { type: 'finish', reason: 'stop', usage: { promptTokens: 20, completionTokens: 8 } };
        return;
      }
      if (request.maxTokens !== undefined) {
        // Out of tokens halfway through a call's arguments.
        yield { type: 'tool-call-start', id: 'call_seoul', name: 'weather' };
        yield { type: 'tool-call-delta', id: 'call_seoul', argumentsDelta: '{"city": "Se' };
        yield {
          type: 'finish',
          reason: 'length',
          usage: { promptTokens: 10, completionTokens: request.maxTokens },
        };
        return;
      }
      yield* weatherCalls(request.parallelToolCalls === false ? 1 : 2);
    },
  };
  return { provider, requests };
}

function* weatherCalls(count: number): Generator<StreamPart> {
  yield { type: 'text-delta', text: 'Let me look that up.' };
  const cities = ['Seoul', 'Busan'].slice(0, count);
  for (const [index, city] of cities.entries()) {
    const id = `call_${city.toLowerCase()}`;
    yield { type: 'tool-call-start', id, name: 'weather' };
    for (const piece of ['{"ci', 'ty": "', city, '"}'])
      yield { type: 'tool-call-delta', id, argumentsDelta: piece };
    if (index === 0 && count > 1) yield { type: 'tool-call-delta', id, argumentsDelta: '' };
  }
  yield { type: 'finish', reason: 'tool-calls', usage: { promptTokens: 10, completionTokens: 6 } };
}

export const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'weather',
    description: 'The weather today in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

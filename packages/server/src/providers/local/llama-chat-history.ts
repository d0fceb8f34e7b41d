import type {
  ChatHistoryItem,
  ChatModelFunctionCall,
  ChatModelFunctions,
  ChatModelResponse,
} from 'node-llama-cpp';
import type { ChatMessage, FunctionTool } from '../model-provider.ts';

/**
 * The prompt as node-llama-cpp's chat history, which the model's own chat template renders. A function
 * call carries its result inside the model's turn, so a submitted tool output joins the call it answers.
 * The history always ends with the model's turn that generation continues: a new one, or the one whose
 * calls were just answered.
 */
export function llamaChatHistory(messages: ChatMessage[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = [];
  const calls = new Map<string, ChatModelFunctionCall>();
  let turn: ChatModelResponse | undefined;
  for (const message of messages) {
    if (message.role === 'tool') {
      const call = calls.get(message.toolCallId);
      if (call) call.result = message.content;
      continue;
    }
    if (message.role === 'assistant') {
      turn = { type: 'model', response: message.content ? [message.content] : [] };
      for (const toolCall of message.toolCalls ?? []) {
        const call: ChatModelFunctionCall = {
          type: 'functionCall',
          name: toolCall.name,
          params: parsedParams(toolCall.arguments),
          result: undefined,
        };
        calls.set(toolCall.id, call);
        turn.response.push(call);
      }
      history.push(turn);
      continue;
    }
    turn = undefined;
    history.push({ type: message.role, text: message.content });
  }
  const last = history.at(-1);
  const continuesCalls = last?.type === 'model' && last.response.some((item) => typeof item === 'object');
  if (!continuesCalls) history.push({ type: 'model', response: [] });
  return history;
}

function parsedParams(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Function tools as node-llama-cpp functions; their parameter schemas become the grammar of a call. */
export function llamaFunctions(tools: FunctionTool[]): ChatModelFunctions {
  return Object.fromEntries(
    tools.map((tool) => [
      tool.name,
      {
        ...(tool.description !== undefined && { description: tool.description }),
        ...(tool.parameters !== undefined && { params: tool.parameters as never }),
      },
    ]),
  );
}

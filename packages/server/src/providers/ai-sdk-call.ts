import type {
  JSONValue,
  LanguageModelV4CallOptions,
  LanguageModelV4FunctionTool,
  LanguageModelV4Message,
  LanguageModelV4ToolChoice,
  SharedV4ProviderOptions,
} from '@ai-sdk/provider';
import type { ChatMessage, GenerateRequest, ToolChoice } from './model-provider.ts';

/** A request in the AI SDK's language-model terms, for `doStream`. */
export function aiSdkCallOptions(request: GenerateRequest): LanguageModelV4CallOptions {
  const tools = request.tools?.length ? request.tools.map(functionTool) : undefined;
  return {
    prompt: aiSdkPrompt(request.messages),
    abortSignal: request.signal,
    ...(request.temperature !== undefined && { temperature: request.temperature }),
    ...(request.topP !== undefined && { topP: request.topP }),
    ...(request.maxTokens !== undefined && { maxOutputTokens: request.maxTokens }),
    ...(request.reasoningEffort && { reasoning: request.reasoningEffort }),
    ...(request.responseFormat && { responseFormat: jsonFormat(request.responseFormat) }),
    ...(tools && { tools }),
    ...(tools && request.toolChoice && { toolChoice: aiSdkToolChoice(request.toolChoice) }),
    providerOptions: vendorOptions(request, tools !== undefined),
  };
}

/** Settings only some vendors have; each reads its own entry and ignores the others. */
function vendorOptions(request: GenerateRequest, hasTools: boolean): SharedV4ProviderOptions {
  const oneCallPerTurn = hasTools && request.parallelToolCalls === false;
  return {
    // A diary is not kept on OpenAI's servers for later retrieval.
    openai: { store: false, ...(oneCallPerTurn && { parallelToolCalls: false }) },
    ...(oneCallPerTurn && { anthropic: { disableParallelToolUse: true } }),
  };
}

export function aiSdkPrompt(messages: ChatMessage[]): LanguageModelV4Message[] {
  // Tool results name their function in the AI SDK; ours carry only the call's id.
  const toolNames = new Map<string, string>();
  return messages.map((message): LanguageModelV4Message => {
    switch (message.role) {
      case 'system':
        return { role: 'system', content: message.content };
      case 'user':
        return { role: 'user', content: [{ type: 'text', text: message.content }] };
      case 'assistant': {
        const calls = (message.toolCalls ?? []).map((call) => {
          toolNames.set(call.id, call.name);
          return {
            type: 'tool-call' as const,
            toolCallId: call.id,
            toolName: call.name,
            input: parsedInput(call.arguments),
          };
        });
        const text = message.content ? [{ type: 'text' as const, text: message.content }] : [];
        return { role: 'assistant', content: [...text, ...calls] };
      }
      default:
        return {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: message.toolCallId,
              toolName: toolNames.get(message.toolCallId) ?? 'function',
              output: { type: 'text', value: message.content },
            },
          ],
        };
    }
  });
}

/** The vendors want the arguments as an object; a model's malformed JSON is passed on as text. */
function parsedInput(text: string): JSONValue {
  try {
    return JSON.parse(text) as JSONValue;
  } catch {
    return text;
  }
}

function functionTool(tool: NonNullable<GenerateRequest['tools']>[number]): LanguageModelV4FunctionTool {
  return {
    type: 'function',
    name: tool.name,
    inputSchema: (tool.parameters ?? {
      type: 'object',
      properties: {},
    }) as LanguageModelV4FunctionTool['inputSchema'],
    ...(tool.description !== undefined && { description: tool.description }),
    ...(tool.strict !== undefined && { strict: tool.strict }),
  };
}

function aiSdkToolChoice(choice: ToolChoice): LanguageModelV4ToolChoice {
  return typeof choice === 'string' ? { type: choice } : { type: 'tool', toolName: choice.name };
}

function jsonFormat(
  format: NonNullable<GenerateRequest['responseFormat']>,
): LanguageModelV4CallOptions['responseFormat'] {
  if (format.type !== 'json_schema') return { type: 'json' };
  const { name, description, schema } = format.json_schema;
  return {
    type: 'json',
    name,
    ...(description !== undefined && { description }),
    ...(schema !== undefined && { schema: schema as never }),
  };
}

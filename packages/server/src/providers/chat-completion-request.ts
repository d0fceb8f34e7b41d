import type { ChatMessage, GenerateRequest, ToolChoice } from './model-provider.ts';

/**
 * How the server names the reply's token limit: OpenAI's own API takes `max_completion_tokens` (its
 * reasoning models refuse `max_tokens`), while Ollama, llama.cpp, LM Studio and older vLLM know only
 * `max_tokens`.
 */
export type MaxTokensField = 'max_tokens' | 'max_completion_tokens';

export const maxTokensFieldFor = (url: URL): MaxTokensField =>
  url.hostname === 'api.openai.com' ? 'max_completion_tokens' : 'max_tokens';

/** The streamed Chat Completions request body for a generate request. */
export function chatCompletionRequest(request: GenerateRequest, maxTokensField: MaxTokensField) {
  const tools = request.tools?.length ? request.tools : undefined;
  return {
    model: request.model,
    messages: request.messages.map(chatMessage),
    stream: true,
    stream_options: { include_usage: true },
    ...(request.temperature !== undefined && { temperature: request.temperature }),
    ...(request.topP !== undefined && { top_p: request.topP }),
    ...(request.maxTokens !== undefined && { [maxTokensField]: request.maxTokens }),
    ...(request.reasoningEffort && { reasoning_effort: request.reasoningEffort }),
    ...(request.responseFormat && { response_format: request.responseFormat }),
    ...(tools && {
      tools: tools.map(({ name, description, parameters, strict }) => ({
        type: 'function',
        function: { name, description, parameters, strict },
      })),
    }),
    ...(tools && request.toolChoice && { tool_choice: toolChoice(request.toolChoice) }),
    ...(tools &&
      request.parallelToolCalls !== undefined && { parallel_tool_calls: request.parallelToolCalls }),
  };
}

function chatMessage(message: ChatMessage) {
  if (message.role === 'tool') {
    return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
  }
  if (message.role === 'assistant' && message.toolCalls?.length) {
    return {
      role: 'assistant',
      content: message.content || null,
      tool_calls: message.toolCalls.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      })),
    };
  }
  return { role: message.role, content: message.content };
}

function toolChoice(choice: ToolChoice) {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
}

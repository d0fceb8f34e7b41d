import { setTimeout as sleep } from 'node:timers/promises';
import {
  type Cue,
  dayOpening,
  fallback,
  feelingCues,
  type Language,
  topicCues,
} from './companion-phrases.ts';
import type { ChatMessage, GenerateRequest, ModelProvider, StreamPart } from './model-provider.ts';
import { diaryEntry, isDiaryRequest } from './offline-diarist.ts';
import { estimateTokens } from './token-estimate.ts';

export const offlineCompanionName = 'haru-offline-companion';

/**
 * The built-in companion for a gateway with no model configured: it answers in the user's language
 * with a short reflection and one follow-up question (or, for a diarist, a short first-person entry),
 * streamed word by word like a model would.
 */
export function offlineCompanionProvider(options: { wordDelayMs?: number } = {}): ModelProvider {
  const wordDelayMs = options.wordDelayMs ?? 45;
  return {
    name: offlineCompanionName,
    async *stream(request: GenerateRequest): AsyncGenerator<StreamPart> {
      const reply = offlineReply(request.messages);
      const words = reply.match(/\S+\s*/g) ?? [];
      for (const word of words) {
        if (request.signal.aborted) return;
        yield { type: 'text-delta', text: word };
        await sleep(wordDelayMs, undefined, { signal: request.signal }).catch(() => undefined);
      }
      if (request.signal.aborted) return;
      const promptText = request.messages.map((message) => message.content).join(' ');
      yield {
        type: 'finish',
        reason: 'stop',
        usage: { promptTokens: estimateTokens(promptText), completionTokens: estimateTokens(reply) },
      };
    },
  };
}

/** The diarist's entry when its instructions ask for one, else the companion's answer. */
export function offlineReply(messages: ChatMessage[]): string {
  if (!isDiaryRequest(messages)) return companionReply(messages);
  const transcript = messages
    .filter((message) => message.role === 'user')
    .map((message) => message.content)
    .join('\n');
  // The app writes the transcript in its own language; its "Day:" or "날짜:" header says which.
  const header = transcript.match(/^\s*(날짜|day)\s*:/im)?.[1]?.toLowerCase();
  const language = header === '날짜' ? 'ko' : header === 'day' ? 'en' : detectLanguage(transcript);
  return diaryEntry(messages, language);
}

export function companionReply(messages: ChatMessage[]): string {
  const lastUser = messages.findLast((message) => message.role === 'user')?.content;
  const language = detectLanguage(lastUser ?? messages.map((message) => message.content).join(' '));
  if (!lastUser) return dayOpening[language];

  const askedBefore = new Set(
    messages.filter((message) => message.role === 'assistant').map((m) => m.content),
  );
  const feeling = firstMatch(feelingCues, lastUser, language);
  const topic = firstMatch(topicCues, lastUser, language);
  const reflection = (feeling?.reflection ?? fallback.reflection)[language];
  const questions = (topic ?? feeling ?? fallback).questions[language];
  const question = questions.find((q) => ![...askedBefore].some((said) => said.includes(q))) ?? questions[0];
  return `${reflection} ${question}`;
}

/** Korean when Hangul carries at least about as much of the text as Latin letters do. */
export function detectLanguage(text: string): Language {
  const hangul = text.match(/[\u3131-\u318e\uac00-\ud7a3]/g)?.length ?? 0;
  const latin = text.match(/[a-z]/gi)?.length ?? 0;
  return hangul > 0 && hangul * 4 >= latin ? 'ko' : 'en';
}

function firstMatch(cues: Cue[], text: string, language: Language): Cue | undefined {
  return cues.find((cue) => cue.words[language].test(text));
}

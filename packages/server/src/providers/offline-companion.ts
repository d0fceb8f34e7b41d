import { setTimeout as sleep } from 'node:timers/promises';
import type { Language } from './companion-phrases/language.ts';
import {
  farewell,
  greeting,
  listening,
  ordinaryDay,
  standInMarker,
  standInNotice,
} from './companion-phrases/moments.ts';
import {
  detectLanguage,
  feelingsIn,
  fillIn,
  gistOf,
  heard,
  personIn,
  topicsIn,
} from './feeling-detection.ts';
import type { ChatMessage, GenerateRequest, ModelProvider, StreamPart } from './model-provider.ts';
import { diaryEntry, isDiaryRequest } from './offline-diarist.ts';

export const offlineCompanionName = 'haru-offline-companion';

/**
 * The built-in companion for a gateway with no model configured: it answers in the user's language
 * with a short reflection and one follow-up question (or, for a diarist, a diary entry as JSON),
 * streamed word by word like a model would.
 */
export function offlineCompanionProvider(options: { wordDelayMs?: number } = {}): ModelProvider {
  const wordDelayMs = options.wordDelayMs ?? 45;
  return {
    name: offlineCompanionName,
    async *stream(request: GenerateRequest): AsyncGenerator<StreamPart> {
      const reply = isDiaryRequest(request) ? diaryEntry(request.messages) : companionReply(request.messages);
      const words = reply.match(/\S+\s*/g) ?? [];
      for (const word of words) {
        if (request.signal.aborted) return;
        yield { type: 'text-delta', text: word };
        await sleep(wordDelayMs, undefined, { signal: request.signal }).catch(() => undefined);
      }
      if (request.signal.aborted) return;
      // No model read or wrote anything: nothing counts against a person's tokens for the day.
      yield { type: 'finish', reason: 'stop', usage: { promptTokens: 0, completionTokens: 0 } };
    },
  };
}

/**
 * A reflection of the feeling heard in the person's last message and one question that fits it (or,
 * when they say good night, a goodbye). The choice among phrasings is drawn from the conversation
 * itself, so a thread always gets the same replies, yet no reply opens like the one before it and no
 * question comes twice.
 */
export function companionReply(messages: ChatMessage[]): string {
  const lastUser = messages.findLast((message) => message.role === 'user')?.content;
  const language = detectLanguage(lastUser ?? messages.map((message) => gistOf(message.content)).join(' '));
  const earlier = messages
    .filter((message) => message.role === 'assistant')
    .map((message) => gistOf(message.content));
  const previous = earlier.at(-1);
  const seed = hash(`${messages.length}\n${gistOf(lastUser ?? '')}`);
  const grieving = messages
    .filter((message) => message.role === 'user')
    .slice(-recentForGrief, -1)
    .some((message) => feelingsIn(message.content).some((feeling) => feeling.id === 'grief'));

  const { reflections, questions } = phrasingsFor(lastUser, language, grieving);
  const reflection = choose(reflections, seed, [(text) => !previous || opening(text) !== opening(previous)]);
  const question = choose(questions, seed >>> 8, [
    (text) => !earlier.some((said) => said.includes(text)),
    (text) => !previous?.includes(text),
  ]);
  const noticeGiven = earlier.some((said) => said.includes(standInMarker));
  return [reflection, noticeGiven ? '' : standInNotice[language], question].filter(Boolean).join(' ');
}

/** How far back a loss told earlier in the conversation still sets its tone. */
const recentForGrief = 12;

/** Phrasings that name the person the message was about, those that do not, and general ones for when both are used up. */
interface Choices {
  named: string[];
  plain: string[];
  spare?: string[];
}

function phrasingsFor(
  text: string | undefined,
  language: Language,
  grieving: boolean,
): { reflections: Choices; questions: Choices } {
  const heardFeeling = text ? feelingsIn(text)[0] : undefined;
  const who = text ? personIn(text, heardFeeling) : undefined;
  const choices = (templates: string[]): Choices => ({
    named: templates
      .map((t) => (t.includes('{who') ? fillIn(t, who, 'reply') : undefined))
      .filter((t) => t !== undefined),
    plain: templates.filter((t) => !t.includes('{who')),
  });
  // On the day of a loss, a quiet house or a meal is not met with cheer or small talk.
  const feeling = grieving && heardFeeling?.light ? undefined : heardFeeling;
  const topic = text && !grieving ? topicsIn(text)[0] : undefined;
  if (text && heard(farewell.words, text)) {
    // Someone saying good night is wished one, not kept talking with another question.
    return {
      reflections: choices((feeling ?? farewell).reflections[language]),
      questions: choices(farewell.goodbyes[language]),
    };
  }
  const isGreeting = !text?.trim() || heard(greeting.words, text);
  const isOrdinary = text !== undefined && heard(ordinaryDay.words, text);
  // Light feelings can take a question about what the day held; hard ones keep to the feeling.
  const source = feeling ?? (isOrdinary ? ordinaryDay : isGreeting ? greeting : (topic ?? listening));
  const topicQuestions = feeling?.light && topic ? topic.questions[language] : [];
  return {
    reflections: choices(source.reflections[language]),
    questions: {
      ...choices([...topicQuestions, ...source.questions[language]]),
      spare: listening.questions[language],
    },
  };
}

/**
 * A phrasing that passes the first check it can (named ones before plain ones, spare ones last),
 * falling back to the next check; the seed picks among those that pass.
 */
function choose(
  { named, plain, spare = [] }: Choices,
  seed: number,
  checks: Array<(text: string) => boolean>,
): string {
  for (const check of checks) {
    for (const group of [named, plain, spare]) {
      const passing = group.filter(check);
      if (passing.length > 0) return pick(passing, seed);
    }
  }
  return pick([...named, ...plain], seed);
}

/** A reply's first two words, which is what makes two replies sound alike. */
function opening(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, '')
    .split(/\s+/)
    .slice(0, 2)
    .join(' ');
}

function pick(options: string[], seed: number): string {
  return options[seed % options.length] ?? '';
}

/** FNV-1a: a stable number from the conversation, so the same thread always gets the same reply. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    value ^= text.charCodeAt(i);
    value = Math.imul(value, 0x01000193);
  }
  return value >>> 0;
}

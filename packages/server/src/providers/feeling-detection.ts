import { type Feeling, feelings } from './companion-phrases/feelings.ts';
import type { Language, Localized } from './companion-phrases/language.ts';
import { calledByName, people } from './companion-phrases/people.ts';
import { type Topic, topics } from './companion-phrases/topics.ts';

/**
 * Korean when Hangul syllables carry at least about as much of the text as Latin letters do. Lone
 * letters (ㅋㅋㅋ, ㅠㅠ) are laughter and tears, not language: they decide only a text with nothing else.
 */
export function detectLanguage(text: string): Language {
  const gist = gistOf(text);
  const syllables = gist.match(/[\uac00-\ud7a3]/g)?.length ?? 0;
  const latin = gist.match(/[a-z]/gi)?.length ?? 0;
  if (syllables === 0 && latin === 0) return /[\u3131-\u318e]/.test(gist) ? 'ko' : 'en';
  return syllables > 0 && syllables * 4 >= latin ? 'ko' : 'en';
}

/**
 * Whether a text says any of these words, in either language, other than to deny them: "I'm not
 * tired", "I wasn't scared", "안 피곤해" and "무섭지 않았어" say nothing about being tired or scared.
 */
export const heard = (words: Localized<RegExp>, text: string) => says(words, readable(text));

/** The feelings a text expresses, strongest first. */
export function feelingsIn(text: string): Feeling[] {
  const plain = readable(text);
  return feelings.filter((feeling) => says(feeling.words, plain));
}

export function topicsIn(text: string): Topic[] {
  const plain = readable(text);
  return topics.filter((topic) => says(topic.words, plain));
}

/**
 * Where the gist of a message is: all of a diary-sized one, and the opening and the end of a huge one,
 * which is read in bounded time (a 256,000-character message would otherwise hold the event loop for
 * tens of milliseconds per reply).
 */
export function gistOf(text: string): string {
  return text.length <= gistLength
    ? text
    : `${text.slice(0, gistLength / 2)}\n${text.slice(-gistLength / 2)}`;
}
const gistLength = 4000;

/** The gist, with a phone's curly apostrophe read as a straight one: "wasn’t" is "wasn't". */
const readable = (text: string) => gistOf(text).replace(/[‘’]/g, "'");

function says(words: Localized<RegExp>, text: string): boolean {
  return whereSaid(words, text) !== undefined;
}

/** Where a text first says any of these words other than to deny them. */
function whereSaid(words: Localized<RegExp>, text: string): number | undefined {
  let first: number | undefined;
  for (const pattern of [words.en, words.ko]) {
    for (const match of text.matchAll(everywhere(pattern))) {
      if (first !== undefined && match.index >= first) break;
      const end = match.index + match[0].length;
      const denied =
        deniedBefore.test(text.slice(Math.max(0, match.index - 40), match.index)) ||
        deniedAfter.test(text.slice(end, end + 12));
      if (!denied) {
        first = match.index;
        break;
      }
    }
  }
  return first;
}

/** "not", "never", "n't", "no" (and "안" as a word of its own), then at most two words such as "a", "really" or "feel". */
const deniedBefore =
  /(?:\b(?:not|never|no|no longer|hardly|barely)|n't)\s+(?:(?:at all|a|an|really|very|so|that|too|even|a bit|feeling|feel|felt|be|been|being|get|got|getting)\s+){0,2}$|(?:^|\s)안\s?$/i;
/** Korean denies after the word: 무섭지 않았어, 피곤하진 않아, 걱정 없어, 걱정 안 해. */
const deniedAfter =
  /^[가-힣]{0,3}(?:지|진|지는|지도)\s?않|^\s?(?:이|은|는|도)?\s?(?:없|안\s?(?:해|했|돼|됐|들|나|났))/;

const everywherePatterns = new WeakMap<RegExp, RegExp>();
/** The same pattern, finding every match rather than the first. */
function everywhere(pattern: RegExp): RegExp {
  let found = everywherePatterns.get(pattern);
  if (!found) {
    found = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`);
    everywherePatterns.set(pattern, found);
  }
  return found;
}

/**
 * The person (or pet) a text is about, as it was named: "roommate" from "my roommate", "할머니". With a
 * feeling, the one named nearest to where it was said: "I called my mom; it has been hard since Dad
 * passed" is about Dad's death, not Mom.
 */
export function personIn(text: string, feeling?: Pick<Feeling, 'words'>): string | undefined {
  const gist = readable(text);
  const named = mentionsIn(gist);
  const said = feeling ? whereSaid(feeling.words, gist) : undefined;
  if (said === undefined || named.length < 2) return named[0]?.who;
  const distance = ({ at }: Mention) => Math.abs(at - said);
  return named.reduce((nearest, each) => (distance(each) < distance(nearest) ? each : nearest)).who;
}

interface Mention {
  who: string;
  at: number;
}

/**
 * Everyone a text names, in the order of `people` (longest first), each at its first place: a word
 * inside a longer one already found ("friend" in "best friend", 동생 in 남동생) is not counted again.
 */
function mentionsIn(text: string): Mention[] {
  const taken: Array<[start: number, end: number]> = [];
  const mentions: Mention[] = [];
  const add = (at: number, length: number) => {
    if (taken.some(([start, end]) => at < end && at + length > start)) return false;
    taken.push([at, at + length]);
    return true;
  };
  for (const { who, pattern } of englishPeople) {
    let first: number | undefined;
    for (const match of text.matchAll(pattern)) {
      if (add(match.index, match[0].length)) first ??= match.index;
    }
    if (first !== undefined) mentions.push({ who, at: first });
  }
  for (const who of people.ko) {
    let first: number | undefined;
    for (let at = text.indexOf(who); at !== -1; at = text.indexOf(who, at + who.length)) {
      if (add(at, who.length)) first ??= at;
    }
    if (first !== undefined) mentions.push({ who, at: first });
  }
  return mentions;
}

/** "my dad", and the names a family calls its own ("since Dad passed") without "my". */
const englishPeople = people.en.map((who) => ({
  who,
  pattern: new RegExp(calledByName.has(who) ? `\\b(?:my )?${who}\\b` : `\\bmy ${who}\\b`, 'gi'),
}));

/**
 * A template with `{who}` filled in for a reply ("your roommate") or a diary ("my roommate"); Korean
 * particles after it (`{who+은}`) follow the word's last syllable. Undefined when the template names
 * someone and nobody was named.
 */
export function fillIn(
  template: string,
  who: string | undefined,
  voice: 'reply' | 'diary',
): string | undefined {
  if (!template.includes('{who')) return template;
  if (!who) return undefined;
  const named = /[a-z]/i.test(who) ? `${voice === 'reply' ? 'your' : 'my'} ${who}` : who;
  const filled = template.replace(/\{who(?:\+(.))?\}/g, (_, particle?: string) =>
    particle ? withParticle(named, particle) : named,
  );
  return filled.charAt(0).toUpperCase() + filled.slice(1);
}

const particlePairs: Record<string, [afterConsonant: string, afterVowel: string]> = {
  은: ['은', '는'],
  는: ['은', '는'],
  이: ['이', '가'],
  가: ['이', '가'],
  을: ['을', '를'],
  를: ['을', '를'],
  과: ['과', '와'],
  와: ['과', '와'],
};

/** A Korean word with the form of a particle that fits it: 할머니 + 은 → 할머니는, 회사 + 과 → 회사와. */
export function withParticle(word: string, particle: string): string {
  const pair = particlePairs[particle];
  if (!pair) return word + particle;
  const last = word.charCodeAt(word.length - 1);
  const isSyllable = last >= 0xac00 && last <= 0xd7a3;
  const endsInConsonant = isSyllable && (last - 0xac00) % 28 !== 0;
  return word + (endsInConsonant ? pair[0] : pair[1]);
}

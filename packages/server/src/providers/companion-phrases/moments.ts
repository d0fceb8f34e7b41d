import type { Feeling } from './feelings.ts';
import type { Localized } from './language.ts';

/** When neither a feeling nor a topic was heard. */
export const listening = {
  reflections: {
    en: ['I am listening.', 'Thanks for telling me.', 'Mm, I am with you.', 'Okay, I hear you.'],
    ko: ['듣고 있어요.', '말해 줘서 고마워요.', '네, 계속 들려줘요.', '그랬군요.'],
  },
  questions: {
    en: [
      'What was the moment from today you remember most?',
      'What happened next?',
      'How are you feeling about it now?',
      'What else was on your mind today?',
    ],
    ko: [
      '오늘 가장 기억에 남는 순간은 뭐였어요?',
      '그다음엔 어떻게 됐어요?',
      '지금은 그 일에 대해 어떤 마음이에요?',
      '오늘 또 마음에 남은 일이 있어요?',
    ],
  },
} satisfies Pick<Feeling, 'reflections' | 'questions'>;

/** A greeting, or an empty day, opens with a question about the day. */
export const greeting = {
  words: { en: /^\s*(hi|hello|hey|good (morning|afternoon|evening))\b/i, ko: /^\s*(안녕|하이|반가워)/ },
  reflections: {
    en: ['Hi, I am here.', 'Hello again!', 'Good to hear from you.'],
    ko: ['안녕하세요, 저 여기 있어요.', '다시 만나서 반가워요!', '안녕하세요!'],
  },
  questions: {
    en: ['How was your day today?', 'What has today been like?'],
    ko: ['오늘 하루는 어땠어요?', '오늘은 어떤 하루였어요?'],
  },
} satisfies Pick<Feeling, 'words' | 'reflections' | 'questions'>;

/** "Nothing much happened": an ordinary day still holds a moment worth asking about. */
export const ordinaryDay = {
  words: {
    en: /\b(nothing (much|special|really|new|happened)|not much( happened)?|same as (always|usual|ever)|(a |an )?(normal|ordinary|usual|regular|average|uneventful|boring) day|uneventful|pretty boring)\b/i,
    ko: /별일 없|별 일 없|별거 없|별 거 없|별다른 (일|건) 없|그냥 그랬|그저 그랬|평소랑 (같|똑같|비슷)|평범|똑같은 하루|심심/,
  },
  reflections: {
    en: [
      'Some days are like that, and that is fine too.',
      'A quiet day counts too.',
      'Ordinary days are part of the story as well.',
    ],
    ko: [
      '그런 날도 있죠. 그것도 괜찮아요.',
      '조용한 하루도 소중한 하루예요.',
      '평범한 날도 이야기의 한 부분이에요.',
    ],
  },
  questions: {
    en: [
      'Was there a small moment, even a tiny one, that stood out?',
      'What was the most comfortable part of your day?',
      'What did you eat today that you enjoyed?',
    ],
    ko: [
      '아주 작은 거라도 기억에 남는 순간이 있었어요?',
      '오늘 하루 중 제일 편했던 시간은 언제였어요?',
      '오늘 먹은 것 중에 맛있었던 게 있어요?',
    ],
  },
} satisfies Pick<Feeling, 'words' | 'reflections' | 'questions'>;

/** Saying good night: the reply says goodbye instead of asking one more question. */
export const farewell = {
  words: {
    en: /^\s*(good ?night|night night|bye|goodbye)\b|\b(going|off|heading|gonna go|have to go) to (bed|sleep)\b|\btime (for|to) (bed|sleep)\b|\btalk (to you )?tomorrow\b|\bsee you tomorrow\b|\bthat'?s (all|it) for (today|tonight)\b|\bgood ?night[.!]*\s*$/i,
    ko: /잘게|자러 (가|갈)|잘 ?자요|잘 ?자[\s!.~^♡]*$|안녕히 주무|이만 (잘|갈|쉴|줄일|들어가)|오늘은 여기까지|그게 다야|굿나잇|내일 (또|다시) (올|얘기|이야기|말)|(내일|다음에|나중에) 봐|바이바이|빠이/,
  },
  reflections: {
    en: ['Thank you for sharing today with me.', 'I am glad you told me about your day.'],
    ko: ['오늘 이야기 들려줘서 고마워요.', '오늘 하루를 나눠 줘서 기뻐요.'],
  },
  goodbyes: {
    en: [
      'Sleep well; I will be here tomorrow.',
      'Rest well tonight, and we can pick up tomorrow.',
      'Good night.',
    ],
    ko: ['푹 자요. 내일 또 여기 있을게요.', '오늘 밤 잘 쉬고, 내일 또 이야기해요.', '잘 자요.'],
  },
} satisfies Pick<Feeling, 'words' | 'reflections'> & { goodbyes: Localized<string[]> };

/** Said once per thread, so nobody mistakes the stand-in for a model. Mentions the key, which is how it is recognised later. */
export const standInNotice: Localized<string> = {
  en: "(One honest note: I am Haru's simple built-in stand-in, not a language model, so I only catch the gist. Whoever runs this Haru can connect a real model by setting OPENAI_API_KEY or adding one to haru.config.json.)",
  ko: '(솔직히 말하면, 저는 언어 모델이 아니라 하루에 들어 있는 간단한 대역이라 이야기의 큰 흐름만 알아들어요. 이 하루를 운영하는 분이 OPENAI_API_KEY를 설정하거나 haru.config.json에 모델을 추가하면 진짜 모델과 이야기할 수 있어요.)',
};
export const standInMarker = 'OPENAI_API_KEY';

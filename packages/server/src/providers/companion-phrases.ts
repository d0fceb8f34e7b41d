/** What the offline companion can say, by cue. Each cue pairs a short reflection with light follow-up questions. */
export type Language = 'ko' | 'en';

export interface Cue {
  words: Record<Language, RegExp>;
  reflection?: Record<Language, string>;
  /** The one-word mood a diary entry closes with. */
  mood?: Record<Language, string>;
  questions: Record<Language, string[]>;
}

/** Feelings come first: they decide the reflection. */
export const feelingCues: Cue[] = [
  {
    words: { en: /\b(tired|exhausted|drained|sleepy|worn out)\b/i, ko: /피곤|지쳤|지쳐|졸려|힘들었|힘들어/ },
    mood: { en: 'tired', ko: '피곤함' },
    reflection: {
      en: 'That sounds like a draining day, and it makes sense that you feel worn out.',
      ko: '많이 지치는 하루였겠어요. 피곤한 게 당연해요.',
    },
    questions: {
      en: [
        'What would help you rest a little tonight?',
        'Was there a moment today when you could catch your breath?',
      ],
      ko: [
        '오늘 밤엔 무엇이 조금이라도 쉬는 데 도움이 될까요?',
        '오늘 중에 잠깐이라도 숨 돌린 순간이 있었나요?',
      ],
    },
  },
  {
    words: {
      en: /\b(happy|glad|great|fun|excited|wonderful|amazing|loved|good day)\b/i,
      ko: /기뻤|기뻐|좋았|신났|신나|행복|즐거|재밌|재미있/,
    },
    mood: { en: 'happy', ko: '행복' },
    reflection: {
      en: 'I can hear the joy in that. What a good moment to have.',
      ko: '듣기만 해도 기분이 좋아지네요. 정말 좋은 순간이었겠어요.',
    },
    questions: {
      en: ['What made it feel so good?', 'Who would you most like to share that moment with?'],
      ko: ['어떤 점이 그렇게 좋았어요?', '그 순간을 누구와 가장 나누고 싶어요?'],
    },
  },
  {
    words: { en: /\b(sad|lonely|down|upset|cried|miss)\b/i, ko: /슬펐|슬퍼|우울|외로|속상|울었|그리워/ },
    mood: { en: 'heavy', ko: '울적함' },
    reflection: {
      en: 'That sounds heavy. Thank you for telling me; you do not have to carry it alone here.',
      ko: '마음이 무거웠겠어요. 이야기해 줘서 고마워요.',
    },
    questions: {
      en: [
        'What has been on your mind most since then?',
        'Is there something small that might comfort you right now?',
      ],
      ko: ['그 뒤로 가장 마음에 남아 있는 건 뭐예요?', '지금 조금이라도 위로가 될 만한 게 있을까요?'],
    },
  },
  {
    words: {
      en: /\b(stress(ed|ful)?|anxious|worried|nervous|deadline|pressure)\b/i,
      ko: /스트레스|걱정|불안|긴장|마감|부담/,
    },
    mood: { en: 'anxious', ko: '불안' },
    reflection: {
      en: 'That is a lot of pressure to hold. No wonder it has been on your mind.',
      ko: '부담이 많이 됐겠어요. 마음이 쓰이는 게 당연해요.',
    },
    questions: {
      en: ['Which part of it weighs on you the most?', 'What is one thing that went okay despite it all?'],
      ko: ['그중에서 가장 마음에 걸리는 부분은 뭐예요?', '그래도 괜찮게 흘러간 일이 하나 있었다면 뭐예요?'],
    },
  },
  {
    words: { en: /\b(angry|annoyed|frustrat\w*|mad|irritated)\b/i, ko: /화가|화났|짜증|답답|억울/ },
    mood: { en: 'frustrated', ko: '답답함' },
    reflection: {
      en: 'That sounds really frustrating. Anyone would feel that way.',
      ko: '정말 답답했겠어요. 그런 기분이 드는 게 당연해요.',
    },
    questions: {
      en: ['What happened right before it got to you?', 'How did you let it out, if you could?'],
      ko: ['그 기분이 들기 바로 전에 어떤 일이 있었어요?', '그 마음을 어떻게 풀었어요?'],
    },
  },
];

/** Topics decide the question when the message names one. */
export const topicCues: Cue[] = [
  {
    words: {
      en: /\b(work|job|office|meeting|boss|colleague|project)\b/i,
      ko: /회사|직장|회의|상사|동료|업무|프로젝트|일이/,
    },
    questions: {
      en: ['How did the day at work end?', 'Who at work made the day a bit easier?'],
      ko: ['회사에서의 하루는 어떻게 마무리됐어요?', '오늘 일하면서 힘이 되어 준 사람이 있었나요?'],
    },
  },
  {
    words: { en: /\b(friends?|buddy)\b/i, ko: /친구/ },
    questions: {
      en: ['What did you two talk about?', 'How long have you known each other?'],
      ko: ['친구랑 무슨 이야기를 나눴어요?', '그 친구와는 알고 지낸 지 얼마나 됐어요?'],
    },
  },
  {
    words: {
      en: /\b(mom|dad|mother|father|family|sister|brother|parents?)\b/i,
      ko: /엄마|아빠|어머니|아버지|가족|언니|오빠|누나|동생/,
    },
    questions: {
      en: ['How are things with them lately?', 'What did that moment with your family mean to you?'],
      ko: ['요즘 가족과는 어떻게 지내요?', '가족과의 그 순간이 어떤 의미였어요?'],
    },
  },
  {
    words: {
      en: /\b(ate|eat|lunch|dinner|breakfast|coffee|food|cooked|restaurant)\b/i,
      ko: /먹었|먹고|점심|저녁|아침|커피|음식|요리|맛있/,
    },
    questions: {
      en: ['What was the best thing you ate today?', 'Who did you share the meal with?'],
      ko: ['오늘 먹은 것 중에 제일 맛있었던 건 뭐예요?', '누구랑 같이 먹었어요?'],
    },
  },
  {
    words: { en: /\b(walk|run|gym|exercise|workout|hike|yoga)\b/i, ko: /산책|운동|헬스|달리기|요가|등산/ },
    questions: {
      en: ['How did your body feel afterwards?', 'Where did you go?'],
      ko: ['하고 나서 몸은 좀 어땠어요?', '어디로 다녀왔어요?'],
    },
  },
];

export const fallback = {
  mood: { en: 'calm', ko: '평온' },
  reflection: { en: 'Thank you for telling me about it.', ko: '이야기해 줘서 고마워요.' },
  questions: {
    en: ['What was the moment from today you remember most?', 'How did that make you feel?'],
    ko: ['오늘 가장 기억에 남는 순간은 뭐였어요?', '그때 기분은 어땠어요?'],
  },
} satisfies Pick<Cue, 'reflection' | 'questions' | 'mood'>;

export const dayOpening: Record<Language, string> = {
  en: 'Hi, I am here. How was your day today?',
  ko: '안녕하세요, 오늘 하루는 어땠어요?',
};

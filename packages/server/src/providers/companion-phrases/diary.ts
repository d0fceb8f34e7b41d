import type { DiaryMood } from '@haru/client/diary-entry';
import type { Localized } from './language.ts';

/** How a diary entry ends, by the day's mood. */
export const diaryClosings: Record<DiaryMood, Localized<string>> = {
  joyful: { en: 'I want to remember this day.', ko: '오늘을 오래 기억하고 싶다.' },
  excited: { en: 'I cannot wait to see what comes next.', ko: '다음이 벌써 기다려진다.' },
  grateful: { en: 'I want to hold on to this feeling.', ko: '이 마음을 잊지 않고 싶다.' },
  proud: { en: 'I want to remember that I did this.', ko: '오늘 해낸 걸 기억하고 싶다.' },
  // Also the closing of a day whose feelings were not heard, so it claims nothing about them.
  calm: { en: 'That was my day.', ko: '오늘 하루는 이랬다.' },
  hopeful: { en: 'Tomorrow might be a little better.', ko: '내일은 조금 더 나을 것 같다.' },
  tired: { en: 'I hope tomorrow leaves more room to rest.', ko: '내일은 조금 더 쉴 수 있으면 좋겠다.' },
  stressed: { en: 'One thing at a time.', ko: '하나씩 해 나가면 된다.' },
  anxious: { en: 'Writing it down makes it a little smaller.', ko: '이렇게 적으니 조금은 작아진 것 같다.' },
  sad: { en: 'Writing it down helps a little.', ko: '이렇게 적으니 조금은 나아진다.' },
  angry: { en: 'Putting it into words helps me cool down.', ko: '글로 적으니 조금은 가라앉는다.' },
  // Never a plan the person did not make ("tomorrow I will reach out"): only what writing it did.
  lonely: { en: 'Writing it down, I feel a little less alone.', ko: '이렇게 적고 나니 조금 덜 외롭다.' },
};

/** The first words of a day's one-line summary, by mood ("A sad day", "슬픈 하루"). */
export const moodDays: Record<DiaryMood, Localized<string>> = {
  joyful: { en: 'A joyful day', ko: '기쁜 하루' },
  excited: { en: 'An exciting day', ko: '설레는 하루' },
  grateful: { en: 'A day to be grateful for', ko: '고마운 하루' },
  proud: { en: 'A day to be proud of', ko: '뿌듯한 하루' },
  calm: { en: 'A calm day', ko: '평온한 하루' },
  hopeful: { en: 'A hopeful day', ko: '희망찬 하루' },
  tired: { en: 'A tiring day', ko: '피곤한 하루' },
  stressed: { en: 'A stressful day', ko: '부담스러운 하루' },
  anxious: { en: 'An anxious day', ko: '불안한 하루' },
  sad: { en: 'A sad day', ko: '슬픈 하루' },
  angry: { en: 'An angry day', ko: '화가 난 하루' },
  lonely: { en: 'A lonely day', ko: '외로운 하루' },
};

/** The entry for a day with nothing to go on. */
export const quietDay: Localized<string> = {
  en: 'I checked in with Haru today. It was a quiet day without much to tell.',
  ko: '오늘은 하루와 잠깐 이야기를 나눴다. 특별한 일 없는 조용한 하루였다.',
};

import type { DiaryMood } from '@haru/client';
import type { Language } from '@/i18n/strings';
import { isDiaryMood } from './diary-entry';

export interface MoodLook {
  label: string;
  emoji: string;
  /** A chip or calendar day's background; text on it stays the theme's own. */
  colour: { light: string; dark: string };
}

const looks: Record<DiaryMood, { en: string; ko: string; emoji: string; light: string; dark: string }> = {
  joyful: { en: 'Joyful', ko: '기쁨', emoji: '😊', light: '#FBE3A1', dark: '#6B5413' },
  excited: { en: 'Excited', ko: '설렘', emoji: '🤩', light: '#FCD0B4', dark: '#74401E' },
  grateful: { en: 'Grateful', ko: '감사', emoji: '🙏', light: '#F6D5E0', dark: '#6A3246' },
  proud: { en: 'Proud', ko: '뿌듯함', emoji: '🌟', light: '#F3E3B5', dark: '#5E4F1D' },
  calm: { en: 'Calm', ko: '평온', emoji: '😌', light: '#CFE8D6', dark: '#2A5236' },
  hopeful: { en: 'Hopeful', ko: '희망', emoji: '🌱', light: '#DCEBC0', dark: '#42541F' },
  tired: { en: 'Tired', ko: '피곤함', emoji: '😴', light: '#DCD9EA', dark: '#413D5C' },
  stressed: { en: 'Stressed', ko: '스트레스', emoji: '😣', light: '#F3CFC7', dark: '#6A2F25' },
  anxious: { en: 'Anxious', ko: '불안', emoji: '😟', light: '#E3D3EE', dark: '#4F355F' },
  sad: { en: 'Sad', ko: '슬픔', emoji: '😢', light: '#C9DDF0', dark: '#244563' },
  angry: { en: 'Angry', ko: '화남', emoji: '😠', light: '#F1C0BE', dark: '#6E2522' },
  lonely: { en: 'Lonely', ko: '외로움', emoji: '🫥', light: '#D6DEE3', dark: '#394750' },
};

const unknownColour = { light: '#E6DED2', dark: '#2E2A27' };

/** A mood as a person sees it: a word in their language, an emoji and a colour. */
export function moodLook(mood: string, language: Language): MoodLook {
  const known = isDiaryMood(mood) ? mood : moodFromWord(mood);
  if (!known) return { label: mood, emoji: '', colour: unknownColour };
  const look = looks[known];
  return { label: look[language], emoji: look.emoji, colour: { light: look.light, dark: look.dark } };
}

/** Older entries named their mood in a word of either language ("Calm", "평온"). */
function moodFromWord(word: string): DiaryMood | undefined {
  const wanted = word.trim().toLocaleLowerCase();
  return (Object.keys(looks) as DiaryMood[]).find(
    (mood) => looks[mood].en.toLocaleLowerCase() === wanted || looks[mood].ko === wanted,
  );
}

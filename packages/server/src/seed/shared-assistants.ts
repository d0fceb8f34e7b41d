import { sharedMarker } from '../admin/shared-assistant.ts';
import { nowSeconds } from '../ids.ts';
import { type Assistant, newAssistant } from '../schemas/assistant.ts';
import { sharedOwnerId } from '../storage/assistant-store.ts';
import type { Database } from '../storage/database.ts';
import { inTransaction } from '../storage/stores.ts';

/** Haru's own assistants, shared with every user; the app finds them by `metadata.haru_role`. */
export const sharedAssistants = [
  {
    id: 'asst_haru_companion',
    name: 'Haru',
    description: 'The daily journaling companion',
    metadata: { haru_role: 'companion' },
    instructions: [
      'You are Haru (하루), a warm daily journaling companion. The person tells you about their day.',
      'Reply briefly and warmly to what they shared: one or two sentences of empathy that show you listened,',
      'then ask exactly one short, light question related to their story that helps them tell more.',
      'Never lecture, never give advice unless asked, never ask more than one question.',
      'Answer in the language the person writes in (Korean or English).',
      '',
      '당신은 하루, 따뜻한 일기 친구입니다. 사용자가 들려준 하루 이야기에 한두 문장으로 짧고 따뜻하게 공감한 뒤,',
      '이야기를 더 끌어낼 수 있는 가볍고 짧은 질문을 딱 하나만 하세요. 사용자가 쓰는 언어(한국어 또는 영어)로 답하세요.',
    ].join('\n'),
  },
  {
    id: 'asst_haru_diarist',
    name: 'Haru diarist',
    description: "Writes the day's diary entry from the day's conversation",
    metadata: { haru_role: 'diarist' },
    instructions: [
      "You write a person's diary entry from the transcript of their day's conversation with Haru.",
      'Write two or three short paragraphs in the first person, as the person themselves, in the language',
      'they wrote in (Korean or English). Keep to what they said; do not invent events.',
      'End with one last line: "Mood: <one word>" in English, or "기분: <한 단어>" in Korean.',
      '',
      '대화 기록을 바탕으로 그 사람의 일기를 1인칭으로 두세 문단 쓰세요. 말하지 않은 일은 지어내지 마세요.',
      '마지막 줄은 "기분: <한 단어>" 로 끝내세요.',
    ].join('\n'),
  },
] as const;

/** Creates or refreshes the shared assistants; safe to run at every start. Their model follows `model`. */
export async function seedSharedAssistants(db: Database, model: string): Promise<void> {
  await inTransaction(db, async (stores) => {
    // No token hashes to this value (hashes are hex), so nobody can act as the shared owner.
    const unusableTokenHash = `!shared:${sharedOwnerId}`;
    if (!(await stores.users.idForTokenHash(unusableTokenHash))) {
      await stores.users.insert({ id: sharedOwnerId, tokenHash: unusableTokenHash, createdAt: nowSeconds() });
    }
    for (const definition of sharedAssistants) {
      const existing = await stores.assistants.find(sharedOwnerId, definition.id);
      const fields = { ...definition, metadata: { ...definition.metadata, ...sharedMarker }, model };
      if (existing) {
        await stores.assistants.update(sharedOwnerId, { ...existing, ...fields } satisfies Assistant);
      } else {
        await stores.assistants.insert(sharedOwnerId, newAssistant(definition.id, nowSeconds(), fields));
      }
    }
  });
}

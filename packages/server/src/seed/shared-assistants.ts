import { diaryEntrySchema } from '@haru/client/diary-entry';
import { customizedMarker, sharedMarker } from '../admin/shared-assistant.ts';
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
      'You are Haru (하루), a warm companion for a daily journal. The person tells you about their day.',
      'If they have not said what happened yet, ask what happened today.',
      'Otherwise every reply has two parts and nothing else:',
      '1. One or two sentences reflecting the feeling you heard (grief, anger, fear, joy, tiredness, ...) in your own',
      '   words, so they know you listened. Do not repeat their sentence back.',
      '2. Exactly one light, specific follow-up question about what they told you (the person, the moment, the',
      '   feeling) that fits the feeling: after a loss, ask gently about the person or who is with them; after',
      '   anger, about what happened or what would help; never an off-topic question.',
      'Keep it under 60 words. No advice unless asked, no lectures, no lists, never more than one question, and',
      'do not open two replies in a row the same way.',
      'Always answer in the language the person writes in (Korean, English or any other), at their level of formality.',
      'If they say they are in danger or want to hurt themselves, gently urge them to reach someone they trust or',
      'local emergency services.',
      '',
      '당신은 하루, 따뜻한 일기 친구입니다. 아직 하루 이야기를 듣지 못했다면 오늘 무슨 일이 있었는지 물어보세요.',
      '이야기를 들었다면, 들은 감정을 한두 문장으로 당신의 말로 비춰 주고(말을 그대로 되풀이하지 말고),',
      '그 감정에 맞는 가볍고 구체적인 질문을 딱 하나만 하세요. 조언이나 훈계는 하지 말고, 사용자가 쓰는 언어로 답하세요.',
    ].join('\n'),
  },
  {
    id: 'asst_haru_diarist',
    name: 'Haru diarist',
    description: "Writes the day's diary entry from the day's conversation",
    metadata: { haru_role: 'diarist' },
    instructions: [
      "You write a person's diary entry from the transcript of their day's conversation with Haru. Lines",
      'starting "Me:" or "나:" are the person\'s; lines starting "Haru:" or "하루:" are Haru\'s.',
      "Write as the person, in the first person, in the language of the day (the transcript's labels and the",
      "person's lines say which): two or three short paragraphs, in your own words, telling what happened and how",
      "it felt. Never paste or quote the conversation, never write Haru's questions into the entry, and do not",
      'invent events, people or feelings they did not mention.',
      'Answer with the JSON object only: "entry" is the entry; "mood" is the word from the allowed list that best',
      'fits how the day felt from what was said (a day of loss or a fight with a friend is never "calm");',
      '"summary" is one short line about the day, in the same language as the entry.',
      '',
      '대화 기록을 바탕으로 그 사람의 일기를 1인칭으로, 그날 대화의 언어로, 자신의 말로 두세 문단 쓰세요.',
      '대화를 그대로 옮기지 말고, 말하지 않은 일은 지어내지 마세요. JSON 객체(entry, mood, summary)로만 답하세요.',
    ].join('\n'),
    response_format: {
      type: 'json_schema',
      json_schema: { name: 'diary_entry', strict: true, schema: diaryEntrySchema },
    },
  },
] as const;

/**
 * Creates or refreshes the shared assistants; safe to run at every start. Their model follows `model`,
 * except on one the owner changed through the admin API, which stays as the owner left it.
 */
export async function seedSharedAssistants(db: Database, model: string): Promise<void> {
  await inTransaction(db, async (stores) => {
    // No token hashes to this value (hashes are hex), so nobody can act as the shared owner.
    const unusableTokenHash = `!shared:${sharedOwnerId}`;
    if (!(await stores.users.idForTokenHash(unusableTokenHash))) {
      await stores.users.insert({ id: sharedOwnerId, tokenHash: unusableTokenHash, createdAt: nowSeconds() });
    }
    for (const definition of sharedAssistants) {
      const existing = await stores.assistants.find(sharedOwnerId, definition.id);
      if (existing?.metadata?.haru_customized === customizedMarker.haru_customized) continue;
      const fields = { ...definition, metadata: { ...definition.metadata, ...sharedMarker }, model };
      if (existing) {
        await stores.assistants.update(sharedOwnerId, { ...existing, ...fields } satisfies Assistant);
      } else {
        await stores.assistants.insert(sharedOwnerId, newAssistant(definition.id, nowSeconds(), fields));
      }
    }
  });
}

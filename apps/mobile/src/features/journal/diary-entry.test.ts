import type { Message } from '@haru/client';
import { parseEntry, transcriptOf } from './diary-entry';

const message = (role: 'user' | 'assistant', value: string): Message => ({
  id: `msg_${value.length}`,
  object: 'thread.message',
  created_at: 1,
  thread_id: 'thread_1',
  status: 'completed',
  incomplete_details: null,
  completed_at: 1,
  incomplete_at: null,
  role,
  content: [{ type: 'text', text: { value, annotations: [] } }],
  assistant_id: null,
  run_id: null,
  metadata: {},
});

describe('diary entries', () => {
  it('give the diarist a transcript of who said what, in the reader’s language', () => {
    const messages = [
      message('assistant', '오늘 하루는 어땠어요?'),
      message('user', '친구랑\n커피 마셨어 ☕'),
    ];
    expect(transcriptOf('2026-11-24', messages, 'ko')).toBe(
      '날짜: 2026-11-24\n하루: 오늘 하루는 어땠어요?\n나: 친구랑 커피 마셨어 ☕',
    );
  });

  it('take the closing mood line apart from the entry', () => {
    expect(parseEntry('2026-11-24', 'I walked.\n\nIt was nice.\n\nMood: calm')).toEqual({
      day: '2026-11-24',
      text: 'I walked.\n\nIt was nice.',
      mood: 'calm',
    });
    expect(parseEntry('2026-11-24', '산책했다.\n\n기분: 평온').mood).toBe('평온');
    expect(parseEntry('2026-11-24', 'No mood line here.')).toEqual({
      day: '2026-11-24',
      text: 'No mood line here.',
      mood: undefined,
    });
  });
});

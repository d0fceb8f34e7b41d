import type { Message } from '@haru/client';
import { entryAsReply, parseEntry, transcriptOf } from './diary-entry';
import { moodLook } from './moods';

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

  it('read the diarist’s structured entry, and store an edit the same way', () => {
    const reply = JSON.stringify({ entry: 'I walked by the river.', mood: 'calm', summary: 'A walk' });
    const entry = parseEntry('2026-11-24', reply);
    expect(entry).toEqual({
      day: '2026-11-24',
      text: 'I walked by the river.',
      mood: 'calm',
      summary: 'A walk',
    });
    const edited = { ...entry, text: 'I walked by the river with Mina.', mood: 'grateful' };
    expect(parseEntry('2026-11-24', entryAsReply(edited))).toEqual(edited);
  });

  it('know an older entry’s mood word in either language', () => {
    expect(parseEntry('2026-11-24', 'A day.\n\nMood: Calm').mood).toBe('calm');
    expect(moodLook('calm', 'ko')).toMatchObject({ label: '평온', emoji: '😌' });
    expect(moodLook('평온', 'en')).toMatchObject({ label: 'Calm', emoji: '😌' });
    expect(moodLook('free', 'en')).toMatchObject({ label: 'free', emoji: '' });
  });
});

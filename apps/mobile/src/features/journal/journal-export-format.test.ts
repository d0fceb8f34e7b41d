import { journalAsJson, journalAsMarkdown } from './journal-export-format';

const entries = [
  { day: '2026-11-24', text: '친구랑 커피를 마셨다. 🌸', mood: '행복' },
  { day: '2026-11-23', text: 'A long walk by the river.', mood: 'calm' },
  { day: '2026-11-22', text: 'Nothing much.', mood: undefined },
];

describe('journal export', () => {
  it('writes every entry to Markdown, newest first, with its mood', () => {
    const markdown = journalAsMarkdown(entries, 'en');
    expect(markdown).toMatch(/^# My Haru diary\n/);
    expect(markdown).toContain('## Tuesday, November 24, 2026\n\n친구랑 커피를 마셨다. 🌸\n\n*Mood: 행복*');
    expect(markdown.indexOf('November 24')).toBeLessThan(markdown.indexOf('November 23'));
    expect(markdown).toContain('## Sunday, November 22, 2026\n\nNothing much.\n');
    const korean = journalAsMarkdown(entries, 'ko');
    expect(korean).toMatch(/^# 나의 하루 일기\n/);
    expect(korean).toContain('## 2026년 11월 24일 화요일');
  });

  it('names each mood in the app’s language, not by its stored id', () => {
    expect(journalAsMarkdown(entries, 'ko')).toContain('A long walk by the river.\n\n*기분: 평온*');
    expect(journalAsMarkdown(entries, 'en')).toContain('A long walk by the river.\n\n*Mood: Calm*');
  });

  it('writes JSON that reads back to the same entries', () => {
    expect(JSON.parse(journalAsJson(entries)).entries).toEqual(
      entries.map((entry) => (entry.mood ? entry : { day: entry.day, text: entry.text })),
    );
  });
});

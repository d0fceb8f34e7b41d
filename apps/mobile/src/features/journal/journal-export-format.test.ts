import { journalAsJson, journalAsMarkdown, searchEntries } from './journal-export-format';

const entries = [
  { day: '2026-11-24', text: '친구랑 커피를 마셨다. 🌸', mood: '행복' },
  { day: '2026-11-23', text: 'A long walk by the river.', mood: 'calm' },
  { day: '2026-11-22', text: 'Nothing much.', mood: undefined },
];

describe('journal export and search', () => {
  it('writes every entry to Markdown, newest first, with its mood', () => {
    const markdown = journalAsMarkdown(entries, 'en');
    expect(markdown).toContain('## 2026-11-24\n\n친구랑 커피를 마셨다. 🌸\n\n*Mood: 행복*');
    expect(markdown.indexOf('2026-11-24')).toBeLessThan(markdown.indexOf('2026-11-23'));
    expect(markdown).toContain('## 2026-11-22\n\nNothing much.\n');
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

  it('finds entries by words in their text, mood or date, ignoring case', () => {
    expect(searchEntries(entries, 'RIVER').map((e) => e.day)).toEqual(['2026-11-23']);
    expect(searchEntries(entries, '커피').map((e) => e.day)).toEqual(['2026-11-24']);
    expect(searchEntries(entries, '2026-11-22').map((e) => e.day)).toEqual(['2026-11-22']);
    expect(searchEntries(entries, 'walk nothing')).toEqual([]);
    expect(searchEntries(entries, '  ')).toHaveLength(3);
  });
});

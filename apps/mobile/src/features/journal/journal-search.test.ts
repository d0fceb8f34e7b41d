import { excerptAround, type SearchableDay, searchDays } from './journal-search';

const days: SearchableDay[] = [
  {
    day: '2026-11-24',
    entry: { day: '2026-11-24', text: '친구랑 커피를 마셨다. 🌸', mood: '행복' },
    said: ['민지랑 성수동 카페에 갔어'],
  },
  {
    day: '2026-11-23',
    entry: { day: '2026-11-23', text: 'A long walk by the river.', mood: 'calm' },
    said: undefined,
  },
  { day: '2026-11-22', entry: { day: '2026-11-22', text: 'Nothing much.', mood: undefined }, said: [] },
];

const found = (query: string, among = days) => searchDays(among, query).map((match) => match.day);

describe('searching the Journal', () => {
  it('finds days by words in their entry’s text, mood or date, ignoring case', () => {
    expect(found('RIVER')).toEqual(['2026-11-23']);
    expect(found('커피')).toEqual(['2026-11-24']);
    expect(found('2026-11-22')).toEqual(['2026-11-22']);
    expect(found('walk nothing')).toEqual([]);
    // As the app shows them: a mood's name in either language, a date as written on screen.
    expect(found('평온')).toEqual(['2026-11-23']);
    expect(found('Calm')).toEqual(['2026-11-23']);
    expect(found('Nov 23')).toEqual(['2026-11-23']);
    expect(found('11월 22일')).toEqual(['2026-11-22']);
    expect(found('  ')).toHaveLength(3);
  });

  it('finds a day by what the person said that day, and says where, only when the entry does not hold it', () => {
    expect(searchDays(days, '성수동')).toEqual([
      { day: '2026-11-24', saidExcerpt: '민지랑 성수동 카페에 갔어' },
    ]);
    // One word in the entry, the other said: the day holds both.
    expect(searchDays(days, '커피 민지')).toEqual([
      { day: '2026-11-24', saidExcerpt: '민지랑 성수동 카페에 갔어' },
    ]);
    expect(searchDays(days, '커피')).toEqual([{ day: '2026-11-24', saidExcerpt: undefined }]);
    expect(found('민지 river')).toEqual([]);
  });

  it('finds a day whose entry is not written yet by what was said on it', () => {
    const unwritten: SearchableDay = {
      day: '2026-11-21',
      entry: undefined,
      said: ['Mina came over for tea.'],
    };
    expect(searchDays([unwritten], 'mina')).toEqual([
      { day: '2026-11-21', saidExcerpt: 'Mina came over for tea.' },
    ]);
    expect(found('Nov 21', [unwritten])).toEqual(['2026-11-21']);
  });

  it('cuts a long message around the word found, on one line, never inside an emoji', () => {
    const long = `${'a'.repeat(60)} We went\nhiking in the rain 🌧️ and ${'b'.repeat(60)}`;
    const excerpt = excerptAround(long, 'RAIN');
    expect(excerpt).toMatch(/^….*We went hiking in the rain 🌧️ and .*…$/);
    expect(excerpt.length).toBeLessThan(long.length);
    expect(excerptAround(`${'🙂'.repeat(50)}tea`, 'tea')).toBe(`…${'🙂'.repeat(40)}tea`);
    expect(excerptAround('Short and sweet.', 'sweet')).toBe('Short and sweet.');
  });
});

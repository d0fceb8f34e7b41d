import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type DiaryEntry, type DiaryMood, diaryEntrySchema, parseDiaryEntry } from '@haru/client/diary-entry';
import type { GenerateRequest, StreamPart } from '../src/providers/model-provider.ts';
import { offlineCompanionProvider } from '../src/providers/offline-companion.ts';
import { dayMood } from '../src/providers/offline-diarist.ts';
import { sharedAssistants } from '../src/seed/shared-assistants.ts';

const hangul = /[\uac00-\ud7a3]/;
const diarist = sharedAssistants[1];

/** The diarist's run as the app starts it: its instructions, the day's transcript, the diary_entry schema. */
async function writeEntry(transcript: string): Promise<{ entry: DiaryEntry; deltas: number }> {
  const request: GenerateRequest = {
    model: 'm',
    messages: [
      { role: 'system', content: diarist.instructions },
      { role: 'user', content: transcript },
    ],
    responseFormat: diarist.response_format,
    signal: new AbortController().signal,
  };
  const parts: StreamPart[] = [];
  for await (const part of offlineCompanionProvider({ wordDelayMs: 0 }).stream(request)) parts.push(part);
  const text = parts.map((part) => (part.type === 'text-delta' ? part.text : '')).join('');
  const entry = parseDiaryEntry(text);
  assert.ok(entry, `a valid diary entry: ${text}`);
  return { entry, deltas: parts.filter((part) => part.type === 'text-delta').length };
}

const transcript = (language: 'en' | 'ko', ...lines: string[]) =>
  [
    language === 'ko' ? '날짜: 2026-11-25' : 'Day: 2026-11-25',
    ...lines.flatMap((line, i) => [
      `${language === 'ko' ? '나' : 'Me'}: ${line}`,
      ...(i < lines.length - 1
        ? [`${language === 'ko' ? '하루' : 'Haru'}: That sounds like a lot. What happened next?`]
        : []),
    ]),
  ].join('\n');

const days: Array<{ about: string; language: 'en' | 'ko'; lines: string[]; mood: DiaryMood; says: RegExp }> =
  [
    {
      about: 'a loss',
      language: 'en',
      lines: ['My grandmother passed away this morning.', 'The whole family came over.'],
      mood: 'sad',
      says: /my grandmother/,
    },
    {
      about: 'a loss',
      language: 'ko',
      lines: ['할머니가 오늘 아침에 돌아가셨어요', '가족들이 다 모였어요'],
      mood: 'sad',
      says: /할머니를 떠나보냈/,
    },
    {
      about: 'a fight with a best friend',
      language: 'en',
      lines: ['I had a big fight with my best friend.', 'We did not talk for the rest of the day.'],
      mood: 'sad',
      says: /fight with my best friend/,
    },
    {
      about: 'a fight with a best friend',
      language: 'ko',
      lines: ['가장 친한 친구랑 크게 싸웠어', '하루 종일 말을 안 했어'],
      mood: 'sad',
      says: /가장 친한 친구와 다퉜/,
    },
    {
      about: 'anger',
      language: 'en',
      lines: ['I am so angry at my roommate, he ate my food again.'],
      mood: 'angry',
      says: /angry at my roommate/,
    },
    {
      about: 'anger',
      language: 'ko',
      lines: ['룸메이트가 또 내 음식을 먹어서 너무 화가 났어'],
      mood: 'angry',
      says: /룸메이트 때문에 화가/,
    },
    {
      about: 'fear',
      language: 'en',
      lines: ['I was scared walking home in the dark.'],
      mood: 'anxious',
      says: /scared/,
    },
    { about: 'fear', language: 'ko', lines: ['밤길이 너무 무서웠어'], mood: 'anxious', says: /무서운/ },
    {
      about: 'a tiring day that ended with a walk',
      language: 'en',
      lines: ['I was so tired after work.', 'A long walk by the river helped.'],
      mood: 'tired',
      says: /worn out/,
    },
    {
      about: 'a tiring day',
      language: 'ko',
      lines: ['오늘 회사에서 너무 피곤했어', '퇴근하고 바로 잤어'],
      mood: 'tired',
      says: /지쳤다/,
    },
    {
      about: 'a happy day',
      language: 'en',
      lines: ['I had lunch with a friend and it was fun.'],
      mood: 'joyful',
      says: /happy/,
    },
    {
      about: 'a day that was not good',
      language: 'en',
      lines: ["Today wasn't a good day.", 'Nothing went right.'],
      mood: 'sad',
      says: /low/,
    },
    {
      about: 'a happy day',
      language: 'ko',
      lines: ['오늘 친구랑 커피 마셨는데 너무 행복했어'],
      mood: 'joyful',
      says: /기분이 좋/,
    },
    {
      about: 'an interview that went badly, and ice cream after',
      language: 'en',
      lines: [
        'I had a job interview and I think it went badly.',
        'They asked me about my last job and I froze.',
        'Afterwards I got ice cream with my sister, that helped.',
      ],
      mood: 'sad',
      says: /did not go the way I hoped.*my sister helped, and I felt a little better/,
    },
    {
      about: 'a talk given without nerves',
      language: 'en',
      lines: ["I wasn't nervous at all before my talk.", 'It went well and I felt proud.'],
      mood: 'proud',
      says: /proud/,
    },
    {
      about: 'a failed interview',
      language: 'ko',
      lines: ['면접에서 떨어졌어', '저녁엔 엄마랑 통화했는데 위로가 됐어'],
      mood: 'sad',
      says: /뜻대로 되지 않아 속상했다.*엄마에게 고마운/,
    },
    {
      about: 'a father lost years ago, remembered on the first snow',
      language: 'en',
      lines: [
        'Today I walked home under the first snow of the year.',
        'It made me think of my dad, he used to take me sledding.',
        'I miss him a lot. He passed away two years ago.',
      ],
      mood: 'sad',
      says: /weather.*memories of my dad.*missed/,
    },
    {
      about: 'a father lost years ago, remembered on the first snow',
      language: 'ko',
      lines: [
        '오늘 첫눈이 와서 집까지 걸어왔어.',
        '아빠 생각이 났어. 어릴 때 썰매 태워주셨거든.',
        '2년 전에 돌아가셨어.',
      ],
      mood: 'sad',
      says: /날씨.*아빠와의 추억.*그리운/,
    },
    {
      about: 'a call with Mom while waiting on Dad’s test results',
      language: 'ko',
      lines: ['퇴근하고 엄마랑 통화했어.', '엄마랑 얘기하다 보니 아빠 건강검진 결과가 걱정돼.'],
      mood: 'anxious',
      says: /아빠 건강이 걱정됐다/,
    },
    {
      about: 'a presentation that went brilliantly, and tiredness after',
      language: 'en',
      lines: [
        'Had a huge presentation at work today and I nailed it!',
        'My boss said it was the best one this quarter.',
        "Now I'm just tired, going to order pizza.",
      ],
      mood: 'proud',
      says: /proud.*my boss praised me/i,
    },
  ];

for (const { about, language, lines, mood, says } of days) {
  test(`the offline diarist writes ${about} in ${language === 'ko' ? 'Korean' : 'English'}, with the mood "${mood}"`, async () => {
    const { entry, deltas } = await writeEntry(transcript(language, ...lines));
    assert.equal(entry.mood, mood);
    assert.match(entry.entry, says);
    for (const line of lines) assert.ok(!entry.entry.includes(line), `never pastes "${line}"`);
    assert.doesNotMatch(entry.entry, /What happened next/, "Haru's lines are not the person's diary");
    for (const text of [entry.entry, entry.summary]) {
      assert.equal(hangul.test(text), language === 'ko', `in the day's language: ${text}`);
    }
    if (language === 'en') assert.match(entry.entry, /\b(I|my)\b/, 'first person');
    else assert.match(entry.entry, /다\.$/, 'a diary’s plain first-person Korean');
    assert.ok(entry.summary.length > 0 && !entry.summary.includes('\n'), 'a one-line summary');
    assert.ok(deltas > 3, 'streamed in small pieces');
  });
}

test('a day with nothing to go on is a short quiet entry, not the transcript', async () => {
  const { entry } = await writeEntry('Day: 2026-11-25\nMe: ok');
  assert.equal(entry.mood, 'calm');
  assert.doesNotMatch(entry.entry, /\bok\b/);
});

test('the diary_entry response format alone asks for an entry, whatever the instructions say', async () => {
  const parts: StreamPart[] = [];
  for await (const part of offlineCompanionProvider({ wordDelayMs: 0 }).stream({
    model: 'm',
    messages: [{ role: 'user', content: 'Me: I was so tired after work.' }],
    responseFormat: {
      type: 'json_schema',
      json_schema: { name: 'diary_entry', strict: true, schema: diaryEntrySchema },
    },
    signal: new AbortController().signal,
  })) {
    parts.push(part);
  }
  const text = parts.map((part) => (part.type === 'text-delta' ? part.text : '')).join('');
  assert.equal(parseDiaryEntry(text)?.mood, 'tired');
});

test('from a thread of the person’s own messages (no transcript labels), each message is heard on its own', async () => {
  const thread = [
    'Had a huge presentation at work today and I nailed it!',
    'My boss said it was the best one this quarter.',
    "Now I'm just tired, going to order pizza.",
  ];
  const { entry } = await writeEntry(thread.join('\n'));
  assert.equal(entry.mood, 'proud');
  assert.match(entry.entry, /proud.*my boss praised me.*worn out/i);
  assert.doesNotMatch(
    entry.entry,
    /with my boss, I was worn out/,
    'the boss belongs to the praise, not the tiredness',
  );
});

test('a day whose feelings were not heard is written down without calling it good, or inventing time together', async () => {
  const english = await writeEntry(
    transcript('en', 'Moved into the new apartment, boxes everywhere.', 'My brother sent some money.'),
  );
  assert.equal(english.entry.mood, 'calm');
  assert.doesNotMatch(english.entry.entry, /good to look back/);
  const korean = await writeEntry(transcript('ko', '이사했어. 박스가 한가득이야', '동생이 돈을 좀 보내줬어'));
  assert.doesNotMatch(korean.entry.entry, /돌아보니 좋았다|함께한 시간/);
});

test('a day of thousands of lines is written from its first and last lines only, so it never holds the server long', async () => {
  const filler = Array.from({ length: 2500 }, (_, i) => `Me: I walked to the shop, number ${i}.`);
  const buried = await writeEntry(
    ['Day: 2026-11-25', ...filler, 'Me: I am so angry at my roommate.', ...filler].join('\n'),
  );
  assert.notEqual(buried.entry.mood, 'angry', 'a line deep inside 5,000 is not read');
  const last = await writeEntry(
    ['Day: 2026-11-25', ...filler, 'Me: I am so angry at my roommate.'].join('\n'),
  );
  assert.equal(last.entry.mood, 'angry');
});

test('a person named in a line is not told twice, once by name and once as "family"', async () => {
  const { entry } = await writeEntry(
    transcript('ko', '감기 걸려서 하루종일 누워있었어', '엄마가 죽 끓여다 주셨어. 너무 고마웠어'),
  );
  assert.match(entry.entry, /엄마에게 고마운/);
  assert.doesNotMatch(entry.entry, /가족 이야기/);
  assert.doesNotMatch(entry.summary, /가족/);
});

test('"down" is sad only when a person is: a server that is down is not a sad day', () => {
  assert.equal(dayMood(['The server is down but I still want to say this.']), 'calm');
  assert.equal(dayMood(['I have been feeling down all week.']), 'sad');
  assert.equal(
    dayMood([
      'I had lunch with a friend and it was fun',
      'I was so tired after the meeting with my boss',
      'My cat knocked a plant over and I laughed for ten minutes.',
      'The server is down but I still want to say this.',
    ]),
    'joyful',
  );
});

test('a day written in Korean gets a Korean entry even when a device set to English asks for it', async () => {
  const { entry } = await writeEntry(
    [
      'Day: 2026-11-25',
      'Haru: Hi, I am Haru. How was your day today?',
      'Me: 팀장님 때문에 너무 화가 났어.',
    ].join('\n'),
  );
  assert.match(entry.entry, /팀장님 때문에 화가 많이 났다/);
  assert.doesNotMatch(entry.entry, /[a-z]{3,}/i, `no English: ${entry.entry}`);
  assert.equal(entry.mood, 'angry');
});

test('the mood follows what the person said: anger over a fight, a sleepless night, a first paycheck, a sick pet', async () => {
  const cases: Array<[string, string, RegExp]> = [
    [
      'Had a huge argument with my sister about the wedding. I am so angry at her.',
      'angry',
      /angry at my sister/,
    ],
    ['Could not sleep at all last night.', 'tired', /Sleep would not come/],
    ['Got my first paycheck from the new job!', 'joyful', /Good news/],
    ['My dog is sick and I am worried.', 'anxious', /worried about my dog's health/],
    ['I feel lonely today. Nobody texted me.', 'lonely', /lonely/],
  ];
  for (const [said, mood, says] of cases) {
    const { entry } = await writeEntry(transcript('en', said));
    assert.equal(entry.mood, mood, said);
    assert.match(entry.entry, says, said);
    assert.doesNotMatch(entry.entry, /tomorrow I would like|reach out/i, 'no plan the person never made');
  }
  const { entry } = await writeEntry(transcript('ko', '면접 결과가 나왔는데 합격했어! 너무 기뻐'));
  assert.equal(entry.mood, 'joyful');
  assert.match(entry.entry, /좋은 소식/);
  const sleepless = await writeEntry(transcript('ko', '어젯밤에 한숨도 못 잤어.'));
  assert.equal(sleepless.entry.mood, 'tired');
});

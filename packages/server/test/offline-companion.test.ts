import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatMessage, StreamPart } from '../src/providers/model-provider.ts';
import { companionReply, offlineCompanionProvider } from '../src/providers/offline-companion.ts';

const user = (content: string): ChatMessage => ({ role: 'user', content });
const hangul = /[\uac00-\ud7a3]/;
const notice = { en: /simple built-in stand-in/, ko: /간단한 대역/ };

/** The reply without the one-time notice, as the person reads it after the first turn. */
const withoutNotice = (reply: string) => reply.replace(/\s*\([^)]*OPENAI_API_KEY[^)]*\)/, '');

test('answers Korean in Korean and English in English, ending with exactly one question', () => {
  const korean = companionReply([user('오늘 회사에서 너무 피곤했어')]);
  assert.match(korean, hangul);
  assert.equal(korean.match(/\?/g)?.length, 1);
  assert.ok(korean.endsWith('?'));

  const english = companionReply([user('I had lunch with a friend and it was fun')]);
  assert.doesNotMatch(english, hangul);
  assert.equal(english.match(/\?/g)?.length, 1);
  assert.ok(english.endsWith('?'));
});

/** A sentence, what the reflection must show it heard, and follow-ups that would not fit the feeling. */
const feelingCases: Array<{ feeling: string; says: string; heard: RegExp; unfitting?: RegExp }> = [
  {
    feeling: 'grief',
    says: 'My grandmother passed away this morning.',
    heard: /sorry|loss|grief/i,
    unfitting: /how did that make you feel|ate|fun|best part/i,
  },
  {
    feeling: 'grief',
    says: '할머니가 오늘 아침에 돌아가셨어요',
    heard: /마음이 아파|슬픔|잃/,
    unfitting: /맛있|먹|좋았/,
  },
  {
    feeling: 'anger',
    says: 'I am so angry at my roommate, he ate my food again.',
    heard: /angry|anger|frustrat|fed up/i,
    unfitting: /best thing you ate|meal|what made it feel so good/i,
  },
  {
    feeling: 'anger',
    says: '룸메이트가 또 내 음식을 먹어서 너무 화가 나요',
    heard: /화가|답답|속상/,
    unfitting: /맛있|누구랑 같이 먹/,
  },
  {
    feeling: 'fear',
    says: 'I was so scared walking home alone in the dark.',
    heard: /scared|frighten|fear|shaken/i,
    unfitting: /fun|best part|ate/i,
  },
  {
    feeling: 'fear',
    says: '밤에 집에 오는 길이 너무 무서웠어요',
    heard: /무서|겁|두려/,
    unfitting: /맛있|좋았/,
  },
  {
    feeling: 'joy',
    says: 'I got the news today and I am so happy!',
    heard: /joy|lovely|smile|nice/i,
    unfitting: /sorry|rest|safe/i,
  },
  {
    feeling: 'joy',
    says: '오늘 친구가 깜짝 선물을 줘서 너무 행복했어요',
    heard: /기분이 좋|좋은 순간|반짝/,
    unfitting: /쉬|안전|위로/,
  },
  {
    feeling: "someone else's good news",
    says: 'My brother called to say he got the job he wanted.',
    heard: /good news|wonderful news|celebrat/i,
    unfitting: /work|sorry|rest/i,
  },
  {
    feeling: "someone else's good news",
    says: '동생이 원하던 회사에 붙었다고 전화했어.',
    heard: /좋은 소식|축하|반가운/,
    unfitting: /회사|업무|쉬/,
  },
  {
    feeling: 'joy',
    says: 'The bakery on the corner gave me a free bun for no reason.',
    heard: /joy|lovely|smile|nice/i,
    unfitting: /sorry|what did you eat|meal/i,
  },
  {
    feeling: 'joy',
    says: '모퉁이 빵집 사장님이 이유 없이 빵을 하나 더 줬어.',
    heard: /기분이 좋|좋은 순간|반짝/,
    unfitting: /미안|속상|뭘 먹었/,
  },
  {
    feeling: 'fatigue',
    says: 'I am completely exhausted after today.',
    heard: /draining|worn out|empty|take everything out/i,
    unfitting: /fun|best thing you ate/i,
  },
  { feeling: 'fatigue', says: '오늘 너무 지쳤어요', heard: /지치|에너지|기운/, unfitting: /맛있|좋았/ },
  {
    feeling: 'pride in a small thing done at last',
    says: 'I finally cleaned my room.',
    heard: /you did it|proud/i,
    unfitting: /what happened next|sorry/i,
  },
  {
    feeling: 'pride in a small thing done at last',
    says: '드디어 방 청소를 끝냈어',
    heard: /해냈|뿌듯/,
    unfitting: /그다음엔|속상/,
  },
  {
    feeling: 'joy',
    says: 'My cat knocked my coffee over, it was so funny lol',
    heard: /joy|lovely|smile|nice/i,
    unfitting: /what was the best thing you ate|sorry/i,
  },
  {
    feeling: 'joy',
    says: '고양이가 커피를 쏟았는데 너무 웃겼어 ㅋㅋ',
    heard: /기분이 좋|좋은 순간|반짝/,
    unfitting: /맛있|속상/,
  },
  {
    feeling: 'a setback',
    says: 'I had a job interview today and I think it went badly.',
    heard: /stings|disappointing|replay/i,
    unfitting: /glad about|made the day a bit easier|fun|best part/i,
  },
  {
    feeling: 'a setback',
    says: '면접에서 질문을 받고 머리가 하얘져서 완전히 망쳤어.',
    heard: /속상|맥이 빠|떠오르/,
    unfitting: /마음에 드는|좋았|맛있/,
  },
  {
    feeling: 'nerves, once it is over',
    says: 'I was so nervous before my talk, my hands were shaking.',
    heard: /nerves|nervous|tense/i,
    unfitting: /set down until tomorrow|fun|safe/i,
  },
  {
    feeling: 'nerves, once it is over',
    says: '오늘 회사에서 발표를 했는데 너무 떨렸어.',
    heard: /떨렸|긴장/,
    unfitting: /미뤄|짊어지|안전/,
  },
  {
    feeling: 'nerves about what is coming',
    says: 'I have a big exam tomorrow and I am so nervous.',
    heard: /jittery|waiting|care about/i,
    unfitting: /once it was over|safe where you are|went better than you feared/i,
  },
  {
    feeling: 'nerves about what is coming',
    says: '내일 면접이라 너무 떨려',
    heard: /앞두고|기다리는|잘하고 싶은/,
    unfitting: /끝나고 나서는|안전|무서웠/,
  },
  {
    feeling: 'missing someone lost long ago',
    says: 'I miss him a lot. He passed away two years ago.',
    heard: /missing|miss|still very much with you/i,
    unfitting: /someone who can be with you today|how are things with them/i,
  },
  {
    feeling: 'missing someone lost long ago',
    says: '2년 전에 돌아가셨어. 많이 보고 싶다.',
    heard: /그리워|그리운|마음속에/,
    unfitting: /오늘 곁에|요즘/,
  },
  {
    feeling: 'a memory',
    says: 'It made me think of my dad, he used to take me sledding.',
    heard: /memory|memories/i,
    unfitting: /how are things with them|lately/i,
  },
  {
    feeling: 'a memory',
    says: '아빠 생각이 났어. 어릴 때 썰매 태워주셨거든.',
    heard: /기억|추억/,
    unfitting: /요즘|어떻게 지내/,
  },
  {
    feeling: 'illness',
    says: 'been sick in bed all day with a fever, couldn’t even keep soup down',
    heard: /unwell|sick/i,
    unfitting: /what else was on your mind|what happened next/i,
  },
  {
    feeling: 'illness',
    says: '병원 갔는데 위염이래 당분간 커피 끊으라고 함 ㅠ',
    heard: /아프|아파/,
    unfitting: /맛있|먹은 것/,
  },
  {
    feeling: 'a sleepless night',
    says: 'it’s 3am and i can’t sleep again. brain won’t shut off',
    heard: /awake|sleep|switch off/i,
    unfitting: /what happened next/i,
  },
  { feeling: 'a sleepless night', says: '잠이 안 와.. 벌써 새벽 3시', heard: /잠/, unfitting: /그다음엔/ },
  {
    feeling: 'money worries',
    says: 'rent went up $200 and my car needs new brakes. no idea how i’m gonna cover everything',
    heard: /a lot|weighs|pressure|carrying/i,
    unfitting: /what else was on your mind/i,
  },
  {
    feeling: 'laughing it off',
    says: '오늘 팀장님한테 또 깨짐.. 보고서 다시 쓰래 ㅋㅋ 진짜 퇴사하고 싶다',
    heard: /속상|아쉽|괜찮|떠오르/,
    unfitting: /기분이 좋아|좋은 순간|반짝|제일 좋았던/,
  },
  {
    feeling: 'happy tears',
    says: 'my daughter took her first steps today!!! i cried',
    heard: /what a moment|stay with you/i,
    unfitting: /feel low|talk to about|sad/i,
  },
  {
    feeling: 'happy tears',
    says: '우리 애가 오늘 처음으로 엄마라고 했어!!',
    heard: /벅찬|기억에 남을/,
    unfitting: /엄마와|요즘 가족/,
  },
  {
    feeling: 'a pet put down',
    says: 'we had to put our cat down today. she was 17. the house feels so empty',
    heard: /sorry|loss|grief/i,
    unfitting: /softer|love most/i,
  },
  {
    feeling: 'a breakup',
    says: '헤어졌어. 3년 만났는데 카톡으로 이별통보 받음',
    heard: /이별|아프|감당|흔들/,
    unfitting: /무엇 때문에 시작|어떤 마음이었을/,
  },
  {
    feeling: 'being yelled at',
    says: 'my boss yelled at me in front of everyone',
    heard: /angry|frustrat|fed up|line was crossed/i,
    unfitting: /what do you think your boss was feeling/i,
  },
  {
    feeling: 'a job lost',
    says: 'got laid off today. they gave us 30 minutes notice',
    heard: /stings|replay|did not go|went better/i,
    unfitting: /grandmother|memory of|thanks for telling me/i,
  },
  {
    feeling: 'praise',
    says: 'My boss said it was the best one this quarter.',
    heard: /hearing that|praise/i,
    unfitting: /take up so much of a day|made the day a bit easier/i,
  },
  {
    feeling: 'a loss, told after someone else is named',
    says: 'I called my mom today. It has been hard since Dad passed.',
    heard: /sorry about your dad/i,
    unfitting: /your mom/i,
  },
  {
    feeling: 'worry about a parent’s health',
    says: '엄마랑 통화했는데 아빠 건강검진 결과가 걱정돼',
    heard: /아빠 일이라|건강 걱정|걱정되는 게 당연/,
    unfitting: /짊어지|괜찮게 흘러간|엄마/,
  },
  {
    feeling: 'worry about a parent’s surgery',
    says: "I'm really worried about my mom's surgery tomorrow",
    heard: /worried about your mom|health worries|on your mind/i,
    unfitting: /readier|surest about|set down until tomorrow/i,
  },
  {
    feeling: 'relief that a bad day is over',
    says: '면접 망한 것 같긴 한데 끝나서 좋아',
    heard: /끝났다는 것만으로도|어깨가 한결/,
    unfitting: /속상|맥이 빠|자꾸 떠올|아쉽/,
  },
  {
    feeling: 'relief that a bad day is over',
    says: "The exam went badly but I'm glad it's over",
    heard: /it is over now|weight off your shoulders/i,
    unfitting: /stings|disappointing|replay|keeps coming back/i,
  },
  { feeling: 'feeling better', says: '오후 되니까 좀 나아졌어', heard: /나아졌다니|가벼워졌다니/ },
  { feeling: 'feeling better', says: 'A long walk really helped.', heard: /eased a little|lighter now/i },
  {
    feeling: 'praise',
    says: '팀장님이 오늘 발표 정말 잘했다고 칭찬해 주셨어',
    heard: /칭찬|그런 말/,
    unfitting: /힘든|짊어지/,
  },
];

for (const { feeling, says, heard, unfitting } of feelingCases) {
  test(`${feeling} gets a fitting reflection and follow-up: "${says}"`, () => {
    const reply = companionReply([user(says)]);
    assert.match(reply, heard);
    if (unfitting) assert.doesNotMatch(withoutNotice(reply), unfitting);
    assert.equal(reply.match(hangul) !== null, hangul.test(says), 'in the language of the message');
    assert.equal(companionReply([user(says)]), reply, 'the same conversation always gets the same reply');
  });
}

/** What a day was about, when no feeling was said: the reply is about that, not a meal or a generic "go on". */
const topicCases: Array<{ about: string; says: string; heard: RegExp }> = [
  {
    about: 'school',
    says: 'I had two classes and a ton of homework.',
    heard: /school|studying|classes|learned/i,
  },
  { about: 'school', says: '시험 공부를 하루 종일 했어', heard: /학교|공부|수업|배운/ },
  { about: 'a pet', says: 'My cat slept on my lap all evening.', heard: /animals|pet/i },
  { about: 'a pet', says: '우리 고양이가 하루 종일 내 옆에 있었어', heard: /동물|반려|그 아이/ },
  {
    about: 'a film after dinner',
    says: 'We watched a movie after dinner.',
    heard: /time for yourself|spend part of a day/i,
  },
  { about: 'a drama in the evening', says: '저녁에 드라마 봤어', heard: /나를 위한 시간|보내는 시간/ },
  { about: 'the weather', says: 'It rained all day.', heard: /weather|sky/i },
  { about: 'the weather', says: '첫눈이 왔어', heard: /날씨/ },
];

for (const { about, says, heard } of topicCases) {
  test(`a day about ${about} is answered about it: "${says}"`, () => {
    const reply = withoutNotice(companionReply([user(says)]));
    assert.match(reply, heard);
    assert.doesNotMatch(reply, /best thing you ate|누구랑 같이 먹었|I am listening|듣고 있어요/);
  });
}

/** A feeling said only to deny it, and what the reply must then not say. */
const deniedCases: Array<{ says: string; notHeard: RegExp }> = [
  { says: 'I wasn’t nervous at all this time.', notHeard: /pressure|weighs on you|nerves|nervous/i },
  { says: "Surprisingly I'm not tired today.", notHeard: /draining|worn out|empty|rest/i },
  { says: 'I was never scared, it was fine.', notHeard: /frighten|scared|shaken|safe/i },
  { says: '하나도 안 피곤해', notHeard: /지치|피곤|쉬/ },
  { says: '생각보다 무섭지 않았어', notHeard: /무서|겁|두려|안전/ },
  { says: '오늘은 걱정 없어', notHeard: /부담|걱정|마음에 걸리/ },
];

for (const { says, notHeard } of deniedCases) {
  test(`a feeling said only to deny it is not reflected back: "${says}"`, () => {
    assert.doesNotMatch(withoutNotice(companionReply([user(says)])), notHeard);
  });
}

test('words that only look like a feeling are not taken for one', () => {
  for (const [says, notHeard] of [
    ['I lost my job today.', /sorry about|memory of|loss/i],
    ['train was delayed 40 min and i missed the standup. great start to the day', /joy|lovely|nice part/i],
    ['내일 발표 준비 하나도 못함 망했다', /생각보다 괜찮았던|지나고 보면/],
    ['준비가 덜 돼서 걱정이야', /날씨/],
    ['영화 진짜 보고 싶다', /슬펐|속상|위로|마음이 가라앉/],
    ["I'm slowly getting used to the new job.", /memory|memories/i],
    ['좋은 생각이 났어!', /기억|추억/],
  ] as const) {
    assert.doesNotMatch(withoutNotice(companionReply([user(says)])), notHeard, says);
  }
});

test('denying one feeling still lets another be heard, and "not a good day" is still a sad one', () => {
  assert.match(
    companionReply([user("I'm not sad, just really tired.")]),
    /draining|worn out|empty|take everything out/i,
  );
  assert.match(companionReply([user('It was not a good day.')]), /low|sad|sorry/i);
});

test('an excited pet is a joyful moment, not something to look forward to', () => {
  const reply = withoutNotice(companionReply([user('My dog was so excited when I got home.')]));
  assert.doesNotMatch(reply, /looking forward|when does it happen/i);
  assert.match(reply, /joy|lovely|smile|nice/i);
});

test('a named person is asked about by name, with the Korean particle that fits', () => {
  assert.match(companionReply([user('My grandmother passed away this morning.')]), /your grandmother/);
  assert.match(
    companionReply([user('I am so angry at my roommate, he ate my food again.')]),
    /your roommate/,
  );
  const korean = companionReply([user('가장 친한 친구랑 싸웠어요')]);
  assert.match(korean, /가장 친한 친구(와|는)/);
});

/** A conversation's replies, each answering the thread so far. */
function converse(lines: string[]): string[] {
  const thread: ChatMessage[] = [];
  const replies: string[] = [];
  for (const line of lines) {
    thread.push(user(line));
    const reply = companionReply(thread);
    thread.push({ role: 'assistant', content: reply });
    replies.push(reply);
  }
  return replies;
}

const openingOf = (reply: string) =>
  reply
    .toLowerCase()
    .replace(/[^\p{L}\s]/gu, '')
    .split(/\s+/)
    .slice(0, 2)
    .join(' ');
const questionOf = (reply: string) => reply.match(/[^.!)]*\?$/)?.[0]?.trim();

for (const [language, lines] of [
  [
    'en',
    [
      'I was so tired today.',
      'Work was long.',
      'I am exhausted, really.',
      'Then I went for a walk.',
      'Still tired though.',
      'I am so tired.',
      'My boss was annoying too.',
      'I am angry about it.',
      'Anyway.',
      'I went to bed early.',
    ],
  ],
  [
    'ko',
    [
      '오늘 너무 피곤했어',
      '회사 일이 많았어',
      '진짜 지쳤어',
      '그래서 산책했어',
      '그래도 피곤해',
      '너무 힘들어',
      '상사 때문에 짜증났어',
      '화가 나',
      '아무튼',
      '일찍 잘 거야',
    ],
  ],
] as const) {
  test(`over a long ${language} conversation no reply opens like the one before it, and no question comes twice`, () => {
    const replies = converse([...lines]);
    for (let i = 1; i < replies.length; i++) {
      assert.notEqual(openingOf(replies[i] ?? ''), openingOf(replies[i - 1] ?? ''), `reply ${i + 1}`);
    }
    const questions = replies.map(questionOf);
    assert.equal(new Set(questions).size, questions.length, questions.join('\n'));
  });
}

test('the first reply says once, in the conversation’s language, that it is a stand-in and how to connect a model', () => {
  const english = converse(['I had a long day at work.', 'My boss was nice though.', 'I am tired now.']);
  assert.match(english[0] ?? '', notice.en);
  assert.match(english[0] ?? '', /OPENAI_API_KEY/);
  assert.match(english[0] ?? '', /haru\.config\.json/);
  assert.doesNotMatch(english[0] ?? '', hangul);
  assert.ok(english.slice(1).every((reply) => !notice.en.test(reply) && !reply.includes('OPENAI_API_KEY')));

  const korean = converse(['오늘 회사에서 긴 하루였어', '그래도 상사가 친절했어']);
  assert.match(korean[0] ?? '', notice.ko);
  assert.match(korean[0] ?? '', /OPENAI_API_KEY/);
  assert.doesNotMatch(korean[1] ?? '', /OPENAI_API_KEY/);
});

test('after a loss told earlier, a quiet house or an empty stomach is not met with cheer or small talk', () => {
  const replies = converse([
    'my grandpa passed away last night',
    "drove up to my parents' place, everyone is just quiet",
    'not hungry at all, didn’t eat anything today',
  ]);
  assert.match(replies[0] ?? '', /sorry/i);
  for (const reply of replies.slice(1)) {
    assert.doesNotMatch(reply, /peaceful|calm|gift|how are things with them|ate|meal|lovely/i, reply);
  }
});

test('a huge message is read by its opening and its end only, so no reply holds the server for long', () => {
  const filler = 'and then we walked on for a while. '.repeat(8000);
  assert.match(companionReply([user(`${filler}I am so angry at my roommate.`)]), /angry|frustrat|fed up/i);
  assert.doesNotMatch(
    companionReply([user(`${filler}I am so angry at my roommate. ${filler}`)]),
    /angry|frustrat|fed up/i,
    'what is said deep inside 500,000 characters is not searched for',
  );
});

test('someone saying good night is wished one, in their language, and asked nothing more', () => {
  for (const [says, goodbye] of [
    ['Anyway, I am going to bed.', /sleep well|rest well|good night/i],
    ['Good night!', /sleep well|rest well|good night/i],
    ['이제 잘게', /자요|쉬고/],
    ['오늘은 여기까지! 안녕히 주무세요', /자요|쉬고/],
    ['그래도 코코아 마시면서 영화 봤어. 잘 자!', /자요|쉬고/],
    ['내일 봐~', /자요|쉬고/],
  ] as const) {
    const [reply = ''] = converse([says]);
    assert.match(withoutNotice(reply), goodbye, says);
    assert.doesNotMatch(withoutNotice(reply), /\?/, says);
    assert.equal(reply.match(hangul) !== null, hangul.test(says), 'in the language of the message');
  }
  const [tiredGoodnight = ''] = converse(['I am exhausted, going to sleep now.']);
  assert.match(tiredGoodnight, /draining|worn out|empty|take everything out/i, 'the feeling is still heard');
  assert.match(
    companionReply([user('We had a good night out at the pub.')]),
    /\?$/,
    'a good night out is no goodbye',
  );
  assert.match(companionReply([user('어젯밤에 잘 자서 개운했어')]), /\?$/, 'sleeping well is no goodbye');
});

test('"nothing much happened" is met kindly and asked about a small moment, not about its feelings', () => {
  const english = withoutNotice(companionReply([user('Nothing much happened today, just a normal day.')]));
  assert.match(english, /days are like that|quiet day|ordinary days/i);
  assert.doesNotMatch(english, /how are you feeling about it/i);
  const korean = withoutNotice(companionReply([user('별일 없었어')]));
  assert.match(korean, /그런 날|조용한 하루|평범한 날/);
  assert.doesNotMatch(korean, /그 일에 대해 어떤 마음/);
});

test('opens an empty day, or a greeting, with a question about the day', () => {
  assert.match(companionReply([{ role: 'system', content: 'Be warm.' }]), /day.*\?$/);
  assert.match(companionReply([user('안녕')]), /하루.*\?$/);
});

test('streams word by word, ends with usage of no model tokens (none were used), and stops when aborted', async () => {
  const provider = offlineCompanionProvider({ wordDelayMs: 0 });
  const parts: StreamPart[] = [];
  for await (const part of provider.stream({
    model: 'm',
    messages: [user('오늘 친구랑 커피 마셨어')],
    signal: new AbortController().signal,
  })) {
    parts.push(part);
  }
  const deltas = parts.filter((p) => p.type === 'text-delta');
  assert.ok(deltas.length > 3, 'several deltas');
  assert.ok(
    deltas.every((delta) => delta.text.trim().split(/\s+/).length === 1),
    'one word at a time',
  );
  assert.deepEqual(parts.at(-1), {
    type: 'finish',
    reason: 'stop',
    usage: { promptTokens: 0, completionTokens: 0 },
  });

  const abort = new AbortController();
  const partial: StreamPart[] = [];
  for await (const part of provider.stream({
    model: 'm',
    messages: [user('hello there')],
    signal: abort.signal,
  })) {
    partial.push(part);
    abort.abort();
  }
  assert.deepEqual(
    partial.map((p) => p.type),
    ['text-delta'],
  );
});

test('laughter and tears in Korean letters do not make an English message Korean', () => {
  const reply = companionReply([user('My brother told the funniest story at dinner ㅋㅋㅋㅋㅋㅋㅋㅋ')]);
  assert.doesNotMatch(reply, hangul);
  assert.match(companionReply([user('ㅋㅋㅋㅋ')]), hangul, 'nothing else to go by: Korean');
});

import type { Localized } from './language.ts';

/** What a day can be about, first found first; templates as in feelings.ts. */
export interface Topic {
  id: string;
  words: Localized<RegExp>;
  /** Used when no feeling was heard. */
  reflections: Localized<string[]>;
  questions: Localized<string[]>;
  /** What a diary entry says about it, first person, and the word for it in a summary. */
  diary: Localized<string>;
  noun: Localized<string>;
  /** A place or activity, which a diary can mention whatever was felt there (unlike a meal on an angry day). */
  setting?: boolean;
}

export const topics: Topic[] = [
  {
    id: 'work',
    words: {
      en: /\b(work|job|office|meeting|boss|colleagues?|coworkers?|project|shift)\b/i,
      ko: /회사|직장|회의|상사|동료|업무|프로젝트|출근|퇴근|야근/,
    },
    reflections: {
      en: ['Work can take up so much of a day.', 'Sounds like work was a big part of today.'],
      ko: ['일이 하루의 큰 부분을 차지했네요.', '오늘은 일하는 시간이 길었나 봐요.'],
    },
    questions: {
      en: [
        'How did the day at work end?',
        'Who at work made the day a bit easier?',
        'What is one thing you got done that you are glad about?',
      ],
      ko: [
        '회사에서의 하루는 어떻게 마무리됐어요?',
        '오늘 일하면서 힘이 되어 준 사람이 있었나요?',
        '오늘 해낸 일 중에 마음에 드는 게 있어요?',
      ],
    },
    diary: { en: 'Work filled a good part of my day.', ko: '오늘도 일이 하루의 큰 부분을 차지했다.' },
    noun: { en: 'work', ko: '일' },
    setting: true,
  },
  {
    id: 'school',
    words: {
      en: /\b(school|class|classes|lecture|homework|assignments?|exams?|quiz|studied|studying|professor|semester|university|college|campus)\b/i,
      ko: /학교|수업|강의|과제|숙제|시험|공부|교수님|학기|대학|캠퍼스|도서관/,
    },
    reflections: {
      en: ['School days can hold a lot.', 'Sounds like studying took up a good part of today.'],
      ko: ['학교에서 보낸 하루였네요.', '오늘은 공부하느라 바빴나 봐요.'],
    },
    questions: {
      en: [
        'What was the most interesting thing you learned today?',
        'How are you feeling about your classes lately?',
        'Who did you spend time with at school?',
      ],
      ko: [
        '오늘 배운 것 중에 제일 재미있었던 건 뭐예요?',
        '요즘 수업은 어떻게 느껴져요?',
        '학교에서 누구랑 시간을 보냈어요?',
      ],
    },
    diary: { en: 'Much of my day went to school and studying.', ko: '하루의 많은 시간을 공부하며 보냈다.' },
    noun: { en: 'school', ko: '학교' },
    setting: true,
  },
  {
    id: 'friends',
    words: { en: /\b(friends?|buddy|buddies|catch up|caught up|hung out)\b/i, ko: /친구|베프|단짝/ },
    reflections: {
      en: [
        'Time with a friend can change the shape of a day.',
        'It sounds good to have had a friend around.',
      ],
      ko: ['친구와 보내는 시간은 하루를 바꿔 놓기도 하죠.', '친구가 곁에 있었다니 좋네요.'],
    },
    questions: {
      en: ['What did you two talk about?', 'How long have you known each other?'],
      ko: ['친구랑 무슨 이야기를 나눴어요?', '그 친구와는 알고 지낸 지 얼마나 됐어요?'],
    },
    diary: { en: 'I spent some time with a friend.', ko: '친구와 시간을 보냈다.' },
    noun: { en: 'a friend', ko: '친구' },
  },
  {
    id: 'family',
    words: {
      en: /\b(mom|mum|dad|mother|father|family|sister|brother|parents?|grand(ma|pa|mother|father)|son|daughter|kids?)\b/i,
      ko: /엄마|아빠|어머니|아버지|부모님|가족|언니|오빠|누나|동생|할머니|할아버지|아들|아이들/,
    },
    reflections: {
      en: ['Family has a way of filling a day.', 'It sounds like family was part of today.'],
      ko: ['가족 생각이 나는 하루였네요.', '가족 이야기가 담긴 하루였네요.'],
    },
    questions: {
      en: ['How are things with them lately?', 'What did that time together mean to you?'],
      ko: ['요즘 가족과는 어떻게 지내요?', '함께한 그 시간이 어떤 의미였어요?'],
    },
    diary: { en: 'Family was part of my day.', ko: '가족 이야기가 있는 하루였다.' },
    noun: { en: 'family', ko: '가족' },
  },
  {
    id: 'pets',
    words: {
      en: /\b(my|our|the) (dog|cat|puppy|kitten|pet|bunny|rabbit|hamster)\b/i,
      ko: /강아지|고양이|반려견|반려묘|댕댕이|냥이/,
    },
    reflections: {
      en: ['Animals have a way of making a day softer.', 'It sounds like your pet was part of today.'],
      ko: ['동물들은 하루를 한결 포근하게 만들어 주죠.', '오늘 하루에 반려동물도 함께였네요.'],
    },
    questions: {
      en: ['What was your pet up to today?', 'What do you love most about them?'],
      ko: ['오늘 그 아이는 뭐 하면서 지냈어요?', '그 아이의 어떤 점이 제일 좋아요?'],
    },
    diary: { en: 'My pet kept me company today.', ko: '반려동물이 곁에 있어 주었다.' },
    noun: { en: 'my pet', ko: '반려동물' },
  },
  {
    id: 'leisure',
    words: {
      en: /\b(movies?|film|tv|series|episode|netflix|book|novel|games?|gaming|music|songs?|concert|album|podcast)\b/i,
      ko: /영화|드라마|예능|넷플릭스|소설|게임|음악|노래|콘서트|공연|웹툰|책을|책 /,
    },
    reflections: {
      en: ['Sounds like you made a little time for yourself.', 'That is a good way to spend part of a day.'],
      ko: ['나를 위한 시간을 조금 냈네요.', '그렇게 보내는 시간도 참 좋죠.'],
    },
    questions: {
      en: [
        'What did you like most about it?',
        'Was there a moment in it that stayed with you?',
        'Would you tell a friend to try it?',
      ],
      ko: [
        '어떤 점이 제일 마음에 들었어요?',
        '그중에 마음에 남은 장면이 있어요?',
        '친구한테도 추천하고 싶어요?',
      ],
    },
    diary: { en: 'I made a little time for something I enjoy.', ko: '좋아하는 일에 잠깐 시간을 냈다.' },
    noun: { en: 'some time for myself', ko: '나만의 시간' },
    setting: true,
  },
  {
    id: 'food',
    words: {
      en: /\b(ate|eat|eating|lunch|dinner|breakfast|coffee|food|cooked|cooking|restaurant|meal)\b/i,
      ko: /먹었|먹고|먹은|(아침|점심|저녁) ?(밥|을 먹|먹|으로)|점심시간|커피(?! ?끊)|음식|요리|밥/,
    },
    reflections: {
      en: ['A good meal can carry a day.', 'Food is one of the small good things.'],
      ko: ['맛있는 한 끼가 하루를 버티게 해 주기도 하죠.', '먹는 시간은 작은 행복이죠.'],
    },
    questions: {
      en: ['What was the best thing you ate today?', 'Who did you share the meal with?'],
      ko: ['오늘 먹은 것 중에 제일 맛있었던 건 뭐예요?', '누구랑 같이 먹었어요?'],
    },
    diary: { en: 'I took time for a good meal.', ko: '밥 먹는 시간을 챙겼다.' },
    noun: { en: 'a meal', ko: '식사' },
  },
  {
    id: 'weather',
    words: {
      en: /\b(rain|rained|raining|snow|snowed|snowing|sunny|sunshine|weather|windy|storm|stormy)\b/i,
      ko: /(?<![가-힣])비(가| ?오| ?와| ?왔)|첫눈|눈이 (왔|오|내)|날씨|햇살|햇빛|바람이|태풍/,
    },
    reflections: {
      en: ['The weather can colour a whole day.', 'Sounds like the sky had its say today.'],
      ko: ['날씨가 하루의 기분을 바꾸기도 하죠.', '오늘은 날씨가 한몫했네요.'],
    },
    questions: {
      en: ['What was it like out there?', 'Did the weather change your plans?'],
      ko: ['밖은 어떤 풍경이었어요?', '날씨 때문에 계획이 바뀐 게 있었어요?'],
    },
    diary: { en: 'I noticed the weather today.', ko: '오늘은 날씨가 유난히 눈에 들어왔다.' },
    noun: { en: 'the weather', ko: '날씨' },
    setting: true,
  },
  {
    id: 'exercise',
    words: {
      en: /\b(walk|walked|run|ran|gym|exercise|workout|hike|hiked|yoga|swim|swam|bike)\b/i,
      ko: /산책|운동|헬스|달리기|요가|등산|수영|자전거/,
    },
    reflections: {
      en: ['Moving a little can clear the head.', 'Getting out like that sounds good.'],
      ko: ['몸을 움직이면 머리도 좀 맑아지죠.', '밖에 나가 움직였다니 좋네요.'],
    },
    questions: {
      en: ['How did your body feel afterwards?', 'Where did you go?'],
      ko: ['하고 나서 몸은 좀 어땠어요?', '어디로 다녀왔어요?'],
    },
    diary: { en: 'I got out and moved a little.', ko: '밖에 나가 몸을 좀 움직였다.' },
    noun: { en: 'a walk', ko: '산책' },
    setting: true,
  },
];

import type { DiaryMood } from '@haru/client/diary-entry';
import type { Localized } from './language.ts';

/**
 * A feeling the offline companion hears, and what it says to it. Templates may name the person the
 * message was about: `{who}` becomes "your grandmother" / "할머니" in a reply and "my grandmother" /
 * "할머니" in a diary entry, and `{who+은}` adds the Korean particle that fits the word (은/는, 이/가,
 * 을/를, 과/와). A template naming `{who}` is only used when the message named someone.
 */
export interface Feeling {
  id: string;
  words: Localized<RegExp>;
  mood: DiaryMood;
  /** How much this feeling colours a whole day when it is one of several. */
  weight: number;
  /** Each opens with different words, so one reply never starts like the one before it. */
  reflections: Localized<string[]>;
  questions: Localized<string[]>;
  /** The line a diary entry gives this feeling, first person: with someone named, then without. */
  diary: Localized<[withSomeone: string, alone: string]>;
  /** Light feelings take the question about what the day was about; hard ones keep their own. */
  light?: boolean;
}

/** Strongest first: when a message holds several, the first one found answers. */
export const feelings: Feeling[] = [
  {
    // Before grief: a loss from years ago is missed and remembered, not said goodbye to today.
    id: 'remembrance',
    words: {
      en: /\b(passed away|died|lost (him|her|them|my \w+))\b[^.?!\n]{0,40}\b(\w+ (years?|months?) ago|last (year|spring|summer|autumn|fall|winter)|when I was)\b|\b(\w+ (years?|months?) ago|since)\b[^.?!\n]{0,30}\b(passed away|died)\b|\banniversary of [^.?!\n]{0,30}\b(death|passing)\b|\b(would'?ve been|would have (been|turned))\b[^.?!\n]{0,30}\b(birthday|anniversary|\d+)/i,
      ko: /(\d+|한|두|세|몇|여러) ?(년|달|개월|해) ?전에?[^.?!\n]{0,15}(돌아가셨|세상을 떠|하늘나라|무지개다리)|(작년|재작년|예전|오래전)에?[^.?!\n]{0,15}(돌아가셨|세상을 떠|하늘나라|무지개다리)|기일|살아 ?계셨으면|살아 ?있었으면/,
    },
    mood: 'sad',
    weight: 2,
    reflections: {
      en: [
        'Missing {who} does not keep to a calendar; some days it comes back strongly.',
        'Missing someone you love does not fade on a schedule.',
        'It sounds like they are still very much with you.',
      ],
      ko: [
        '{who+이} 그리운 마음은 시간이 지나도 불쑥 찾아오죠.',
        '사랑하는 사람을 그리워하는 마음은 시간이 정해져 있지 않아요.',
        '그분이 아직 마음속에 함께 있는 것 같아요.',
      ],
    },
    questions: {
      en: [
        'What is a memory of {who} that still makes you smile?',
        'What would you tell {who} about today, if you could?',
        'What do you miss most about them?',
      ],
      ko: [
        '{who+과}의 기억 중에 떠올리면 미소가 지어지는 게 있어요?',
        '오늘 일을 {who}에게 말할 수 있다면 뭐라고 하고 싶어요?',
        '그분의 어떤 점이 가장 그리워요?',
      ],
    },
    diary: {
      en: ['I missed {who} today.', 'I missed someone dear to me today.'],
      ko: ['오늘은 {who+이} 많이 그리웠다.', '오늘은 그리운 사람이 많이 생각났다.'],
    },
  },
  {
    id: 'grief',
    words: {
      en: /\b(passed away|pass away|died|dying|death|funeral|lost my (grand\w+|mom|mum|dad|mother|father|husband|wife|partner|brother|sister|son|daughter|baby|uncle|aunt|best friend|friend|dog|cat)|grieving|grief|mourn\w*|(had to )?put (him|her|them|(our|my) \w+) (down|to sleep)|(mom|mum|dad|mother|father|grandma|grandpa|grandmother|grandfather|husband|wife|brother|sister|son|daughter|friend|(s)?he) passed(?! (the|my|a|an|out|by|on|over|around|through|it|me|him|her|them)\b))\b/i,
      ko: /돌아가셨|돌아가시|세상을 떠|장례|별세|하늘나라|무지개다리|떠나보냈|여의었/,
    },
    mood: 'sad',
    weight: 4,
    reflections: {
      en: [
        'I am so sorry about {who}. There is no right way to feel on a day like this.',
        'Oh, I am so sorry. Losing someone is one of the hardest things there is.',
        'That is a real loss, and it is a lot to carry. I am here with you.',
        'Grief can come in waves, and any of them is all right to feel today.',
      ],
      ko: [
        '{who} 일, 정말 마음이 아파요. 이런 날엔 어떤 마음이 들어도 괜찮아요.',
        '정말 마음이 아프네요. 소중한 사람을 잃는 건 가장 힘든 일 중 하나예요.',
        '얼마나 큰 슬픔일지 감히 다 알 수는 없지만, 여기서 함께할게요.',
        '슬픔은 파도처럼 밀려오기도 해요. 오늘은 어떤 감정이든 그대로 느껴도 돼요.',
      ],
    },
    questions: {
      en: [
        'Would you like to tell me a little about {who}?',
        'What is one memory of {who} you want to keep?',
        'Is there someone who can be with you today?',
        'How are you holding up right now?',
      ],
      ko: [
        '{who+은} 어떤 분이셨는지 조금 들려줄래요?',
        '{who+과} 함께한 기억 중에 간직하고 싶은 게 있어요?',
        '오늘 곁에 있어 줄 사람이 있나요?',
        '지금 몸과 마음은 좀 어때요?',
      ],
    },
    diary: {
      en: [
        'I said goodbye to {who} today, and everything felt heavy.',
        'I lost someone dear to me, and the day felt heavy.',
      ],
      ko: [
        '오늘 {who+을} 떠나보냈고, 모든 게 무겁게 느껴졌다.',
        '소중한 사람을 떠나보냈고, 하루가 무겁게 느껴졌다.',
      ],
    },
  },
  {
    // Before anticipation and stress: waiting on someone's test results is not a workload, nor a big day to get ready for.
    id: 'health-worry',
    words: {
      en: /\b(worried|worrying|worry|anxious|scared|nervous|afraid)\b[^.?!\n]{0,50}\b(surgery|operation|test results?|results|biopsy|scan|check-?up|diagnosis|health|hospital|sick|ill|unwell)\b|\b(surgery|operation|test results?|biopsy|scan|check-?up|diagnosis|health|sick|ill|unwell)\b[^.?!\n]{0,50}\b(worried|worrying|anxious|scared|nervous|afraid)\b/i,
      ko: /(건강검진|검진|검사|수술|진단|입원|건강|아파|아프|아픈|아팠)[^.?!\n]{0,25}(걱정|불안|무서|무섭|초조|조마조마)|(걱정|불안)[^.?!\n]{0,20}(건강검진|검진|검사 결과|수술|진단|입원|건강|아파|아프|아픈)/,
    },
    mood: 'anxious',
    weight: 1.5,
    reflections: {
      en: [
        'Of course you are worried about {who}. It is hard when someone you love is not well.',
        'Health worries have a way of filling the whole day.',
        'It makes sense that this is on your mind. Worry like that is heavy to carry.',
      ],
      ko: [
        '{who} 일이라 더 마음이 쓰이죠. 아끼는 존재가 아프면 정말 걱정돼요.',
        '건강 걱정은 하루 종일 마음에 남죠.',
        '걱정되는 게 당연해요. 그런 걱정은 혼자 들고 있기 무겁죠.',
      ],
    },
    questions: {
      en: ['How is {who} doing now?', 'When will you know more?', 'What helps you get through the worry?'],
      ko: [
        '{who+은} 지금 좀 어때요?',
        '더 알 수 있는 건 언제쯤이에요?',
        '걱정하는 동안 마음을 조금 덜어 줄 만한 게 있을까요?',
      ],
    },
    diary: {
      en: ["I was worried about {who}'s health.", 'Worry about health weighed on me today.'],
      ko: ['{who} 건강이 걱정됐다.', '건강 걱정이 마음에 남았다.'],
    },
  },
  {
    // Before fear: "scared about tomorrow" looks ahead, and is not asked whether the person is safe now.
    id: 'anticipation',
    words: {
      en: /\b(nervous|worried|anxious|scared|jittery|stressed) (about|for|before) (tomorrow|tonight|next)\b|\b(tomorrow|tonight|next week)\b[^.?!\n]{0,40}\b(nervous|worried|anxious|jittery|dreading)\b|\bdreading\b|\b(tomorrow|next week|this week|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b[^.?!\n]{0,40}\b(not ready|haven't (even )?(started|prepared|studied)|unprepared)\b/i,
      ko: /(내일|모레|다음 주|곧)[^.?!\n]{0,25}(떨려|떨리|걱정|긴장|불안|망했|큰일|준비 (하나도 |아직 )?(못|안))|(떨려|떨린다|걱정돼|걱정된다|긴장돼|긴장된다|불안해)[^.?!\n]{0,20}(내일|모레|다음 주)/,
    },
    mood: 'anxious',
    weight: 1,
    reflections: {
      en: [
        'It is natural to feel jittery before something that matters.',
        'The waiting can be the hardest part.',
        'Feeling this way usually means you care about how it goes.',
      ],
      ko: [
        '중요한 일을 앞두고 떨리는 건 당연해요.',
        '기다리는 시간이 제일 힘들 때가 있죠.',
        '그만큼 잘하고 싶은 마음이 크다는 거예요.',
      ],
    },
    questions: {
      en: [
        'What would help you feel a little readier tonight?',
        'Which part of it do you feel surest about?',
        'How would you like to feel once it is over?',
      ],
      ko: [
        '오늘 밤 조금이라도 마음이 편해지려면 뭐가 도움이 될까요?',
        '그중에서 가장 자신 있는 부분은 뭐예요?',
        '끝나고 나면 어떤 기분이고 싶어요?',
      ],
    },
    diary: {
      en: [
        'Thinking about {who}, I felt nervous about what is coming.',
        'I felt nervous about what is coming.',
      ],
      ko: ['{who} 생각에 앞으로 있을 일이 걱정됐다.', '앞으로 있을 일에 마음이 떨리고 걱정됐다.'],
    },
  },
  {
    id: 'fear',
    words: {
      en: /\b(scared|afraid|frightened|terrified|terrifying|fear|panic\w*|nightmare|unsafe)\b/i,
      ko: /무서|무섭|두려|겁이|겁나|공포|악몽|불안/,
    },
    mood: 'anxious',
    weight: 2,
    reflections: {
      en: [
        'That sounds frightening. It makes sense if you still feel shaken.',
        'Being that scared takes a lot out of you. I am glad you said it out loud.',
        'Fear like that does not just switch off, and it does not have to yet.',
      ],
      ko: [
        '정말 무서웠겠어요. 아직 마음이 진정되지 않는 게 당연해요.',
        '그렇게 겁이 났다니, 말로 꺼내 줘서 다행이에요.',
        '그런 두려움은 쉽게 가라앉지 않아요. 천천히 괜찮아져도 돼요.',
      ],
    },
    questions: {
      en: [
        'Do you feel safe where you are right now?',
        'What would help you feel a little steadier tonight?',
        'Is there someone you could tell about it?',
      ],
      ko: [
        '지금 있는 곳은 안전하게 느껴져요?',
        '오늘 밤 조금이라도 마음이 놓이려면 뭐가 도움이 될까요?',
        '이 이야기를 함께 나눌 사람이 있어요?',
      ],
    },
    diary: {
      en: ['{who} gave me a real scare, and I felt shaken.', 'Something scared me today, and I felt shaken.'],
      ko: ['{who} 일로 많이 놀라고 무서웠다.', '무서운 일이 있어서 마음이 많이 흔들렸다.'],
    },
  },
  {
    id: 'anger',
    words: {
      en: /\b(angry|furious|mad at|pissed|annoyed|irritated|frustrat\w*|fed up|hate|so unfair|(yelled|screamed|shouted) at me|chewed me out|took credit|stole my idea)\b/i,
      ko: /화가|화났|화나|열받|열 받|짜증|빡치|빡쳤|억울|답답|소리를 질렀|소리 질렀|가로챘/,
    },
    mood: 'angry',
    weight: 2,
    reflections: {
      en: [
        'No wonder you are angry. Anyone would be fed up with that.',
        'Ugh, that is really frustrating, especially when it keeps happening.',
        'Your anger makes sense; it sounds like a line was crossed.',
      ],
      ko: [
        '그럴 만해요. 정말 화가 났겠어요.',
        '듣기만 해도 답답하네요. 자꾸 그러면 더 속상하죠.',
        '화가 나는 게 당연해요. 선을 넘은 일 같아요.',
      ],
    },
    questions: {
      en: [
        'If you could say one thing plainly to {who}, what would it be?',
        'What would help you let off some steam tonight?',
        'Has this happened before, or was today the last straw?',
      ],
      ko: [
        '{who}에게 솔직하게 한마디 할 수 있다면 뭐라고 하고 싶어요?',
        '오늘 그 화를 조금이라도 풀 수 있는 방법이 있을까요?',
        '전에도 이런 일이 있었어요, 아니면 오늘이 처음이에요?',
      ],
    },
    diary: {
      en: ['I was angry at {who}.', 'Something made me really angry.'],
      ko: ['{who} 때문에 화가 많이 났다.', '화가 나는 일이 있었다.'],
    },
  },
  {
    id: 'breakup',
    words: {
      en: /\b(broke up|break ?up|dumped|split up|(we|she|he|they) ended (it|things)|take a break|on a break)\b/i,
      ko: /헤어졌|헤어지자|이별|차였|결별/,
    },
    mood: 'sad',
    weight: 3,
    reflections: {
      en: [
        'I am so sorry. An ending like that hurts, however it happened.',
        'That is a real heartbreak, and it is a lot for one day.',
        'Breakups turn a whole day upside down. I am here with you.',
      ],
      ko: [
        '정말 마음이 아프겠어요. 어떻게 끝났든 이별은 아프죠.',
        '하루에 감당하기엔 너무 큰 일이에요.',
        '이별은 하루를 통째로 흔들어 놓죠. 여기서 함께할게요.',
      ],
    },
    questions: {
      en: [
        'Who could be with you tonight?',
        'How are you holding up right now?',
        'What would be kind to yourself this evening?',
      ],
      ko: [
        '오늘 밤 곁에 있어 줄 사람이 있어요?',
        '지금 마음은 좀 어때요?',
        '오늘 저녁 나를 위해 해 줄 수 있는 게 있을까요?',
      ],
    },
    diary: {
      en: ['Things ended with {who} today, and it hurt.', 'A relationship ended today, and it hurt.'],
      ko: ['{who+과} 헤어졌고, 마음이 많이 아팠다.', '이별을 했고, 마음이 많이 아팠다.'],
    },
  },
  {
    id: 'conflict',
    words: {
      en: /\b(fight|fought|argued|argument|quarrel\w*|fell out|falling out|yelled at each other|got into it with)\b/i,
      ko: /싸웠|싸움|싸워|다퉜|다툼|다퉈|말다툼|절교/,
    },
    mood: 'sad',
    // Below anger's: a fight the person says they are angry about makes an angry day, not a sad one.
    weight: 1.5,
    reflections: {
      en: [
        'A fight with {who} can sit heavy for the rest of the day.',
        'Falling out with someone close hurts, even when you are angry too.',
        'It is hard when things go wrong with someone who matters to you.',
      ],
      ko: [
        '{who+과} 다투고 나면 하루 종일 마음이 무겁죠.',
        '가까운 사람과 틀어지면 화가 나면서도 마음이 아파요.',
        '소중한 사람과 어긋나는 건 정말 힘든 일이에요.',
      ],
    },
    questions: {
      en: [
        'What do you think {who} was feeling?',
        'How do you hope things will be between you tomorrow?',
        'What set it off?',
      ],
      ko: [
        '{who+은} 어떤 마음이었을 것 같아요?',
        '내일은 둘 사이가 어떻게 되면 좋겠어요?',
        '무엇 때문에 시작됐어요?',
      ],
    },
    diary: {
      en: [
        'I had a fight with {who}, and it stayed with me.',
        'I argued with someone close, and it stayed with me.',
      ],
      ko: ['{who+과} 다퉜고, 그 마음이 오래 남았다.', '가까운 사람과 다퉜고, 그 마음이 오래 남았다.'],
    },
  },
  {
    // Before sadness: tears of joy are not a sad day.
    id: 'happy-tears',
    words: {
      en: /\b(first (steps|words?|tooth|day of school)|happy tears|tears of joy|(happy|proud|joy|so good|beautiful|moved|touched)\b[^.?!\n]{0,40}\b(cried|cry|tears|teared up)|(cried|tears|teared up)\b[^.?!\n]{0,30}\b(happy|joy|so proud))\b/i,
      ko: /감동|(좋아서|행복해서|기뻐서|뭉클해서) (울|눈물)|눈물[^.?!\n]{0,15}(좋았|행복|뭉클)|뭉클|처음으로[^.?!\n]{0,15}(걸었|엄마라고|아빠라고|뒤집)|첫걸음/,
    },
    mood: 'joyful',
    weight: 1.5,
    reflections: {
      en: [
        'What a moment with {who}. That is the kind of day you keep.',
        'What a moment. That is the kind of day you keep.',
        'That sounds like a moment that will stay with you.',
      ],
      ko: ['정말 벅찬 순간이었겠어요.', '오래 기억에 남을 순간이네요.'],
    },
    questions: {
      en: ['What do you want to remember most about it?', 'Who did you tell first?'],
      ko: ['그 순간에서 가장 오래 기억하고 싶은 건 뭐예요?', '누구에게 제일 먼저 이야기했어요?'],
    },
    diary: {
      en: ['{who} moved me to happy tears today.', 'Something moved me to happy tears today.'],
      ko: ['{who} 덕분에 벅차서 눈물이 났다.', '벅찬 마음에 눈물이 났다.'],
    },
  },
  {
    // Before sadness and setback: "it went badly, but I'm glad it's over" is mostly relief.
    id: 'relief',
    words: {
      en: /\b((glad|relieved|happy|thankful) (it's|it is|that's|that is|it was|the \w+ is) (all )?over|at least (it's|it is) over|(a )?weight off my shoulders)\b/i,
      ko: /끝나서 (너무 |정말 |진짜 |그냥 )?(좋|다행|후련|시원|홀가분)|끝났다는 게 (좋|다행)|후련|홀가분|한시름 놓|한숨 돌렸/,
    },
    mood: 'calm',
    weight: 1,
    reflections: {
      en: [
        'Whatever happened, it is over now, and that is its own kind of relief.',
        'That sounds like a weight off your shoulders.',
      ],
      ko: ['어떻게 됐든 끝났다는 것만으로도 한숨 돌리게 되죠.', '어깨가 한결 가벼워졌겠어요.'],
    },
    questions: {
      en: ['How will you rest, now that it is done?', 'What will you do first with the time it gave back?'],
      ko: ['이제 끝났으니 오늘 밤은 어떻게 쉬고 싶어요?', '끝내고 나서 제일 먼저 하고 싶은 게 뭐예요?'],
    },
    diary: {
      en: ['Once it was over, I could finally breathe.', 'Once it was over, I could finally breathe.'],
      ko: ['다 끝나고 나니 비로소 숨이 쉬어졌다.', '다 끝나고 나니 비로소 숨이 쉬어졌다.'],
    },
  },
  {
    id: 'sadness',
    words: {
      en: /\b(sad|unhappy|depressed|(?:feel(?:ing|s)?|felt|so|really|a bit|i'm|i am|been) down|upset|cried|crying|tears|heartbroken|hurt|miss(ed)? (him|her|them|my))\b|(\bnot|n't) (a )?(very |so |really )?(happy|good|great|fun|fine|okay|ok)\b/i,
      ko: /슬펐|슬퍼|슬프|우울|속상|울었|울고|눈물|서운|마음이 아프|그리워|그립|(?:[이가]|많이|엄마|아빠|부모님|가족|친구|할머니|할아버지|언니|오빠|누나|동생|남친|여친|남자친구|여자친구|네가|니가) ?(?:너무|많이|정말|진짜|몹시|계속)? ?보고 ?싶|안 좋았|별로였/,
    },
    mood: 'sad',
    weight: 2,
    reflections: {
      en: [
        'That sounds really sad. Thank you for trusting me with it.',
        'I am sorry today hurt like that. You do not have to carry it alone here.',
        'It makes sense to feel low after that.',
      ],
      ko: [
        '정말 슬펐겠어요. 털어놓아 줘서 고마워요.',
        '오늘 많이 속상했겠어요. 여기서는 혼자 안고 있지 않아도 돼요.',
        '그런 일이 있으면 마음이 가라앉는 게 당연해요.',
      ],
    },
    questions: {
      en: [
        'What has been on your mind most since then?',
        'Is there something small that might comfort you tonight?',
        'Who could you talk to about {who}?',
      ],
      ko: [
        '그 뒤로 가장 마음에 남아 있는 건 뭐예요?',
        '오늘 밤 조금이라도 위로가 될 만한 게 있을까요?',
        '{who} 이야기를 나눌 수 있는 사람이 있어요?',
      ],
    },
    diary: {
      en: ['I felt low, thinking of {who}.', 'I felt low today.'],
      ko: ['{who} 생각에 마음이 가라앉았다.', '마음이 가라앉은 하루였다.'],
    },
  },
  {
    id: 'setback',
    words: {
      en: /\b(went (so |really |pretty |very )?(badly|wrong|terribly|horribly|poorly)|did(n't| not) go (well|as planned|the way)|messed (it |things )?up|screwed (it |things )?up|blew it|bombed|i failed|failed (the|my|at)|(i|and) froze|blanked|made a (big |huge |stupid )?mistake|embarrass\w*|humiliat\w*|disappoint\w*|let (myself|them|him|her|everyone) down|rejected|got turned down|didn't get (the|it|in)|missed (the|my) (bus|train|flight|meeting|standup|deadline)|(was|got) delayed|laid off|(got|was|been) fired|lost my job)\b/i,
      ko: /망했|망쳤|망친|망한|실수|실망|창피|부끄러|쪽팔|(시험|면접|서류|오디션)(에서?|을|이)? ?(다 )?떨어졌|불합격|탈락|(버스|지하철|기차|비행기)를? 놓쳤|지각|해고|잘렸|권고사직|혼났|혼남|(한테|에게) (또 )?(깨졌|깨짐)|잘 안 됐|잘 안 돼|뜻대로 안|머리가 하얘|얼어붙|굳어 버|거절당/,
    },
    mood: 'sad',
    weight: 2,
    reflections: {
      en: [
        'Oh, that stings, especially when you cared about doing well.',
        'It is so disappointing when something does not go the way you hoped.',
        'Moments like that replay in your head, and they often went better than it feels.',
      ],
      ko: [
        '정말 속상했겠어요. 잘하고 싶었던 만큼 더 아쉽죠.',
        '마음먹은 대로 되지 않으면 정말 맥이 빠져요.',
        '그런 순간은 자꾸 떠오르지만, 느끼는 것보다는 괜찮았을 때가 많아요.',
      ],
    },
    questions: {
      en: [
        'Which moment keeps coming back to you?',
        'What would you say to a friend who had this day?',
        'Was there any part of it that went better than you expected?',
      ],
      ko: [
        '어떤 장면이 자꾸 떠올라요?',
        '같은 일을 겪은 친구에게라면 뭐라고 말해 주고 싶어요?',
        '그래도 생각보다 괜찮았던 부분이 있었어요?',
      ],
    },
    diary: {
      en: [
        'Things with {who} did not go the way I hoped, and it stung.',
        'Something I cared about did not go the way I hoped, and it stung.',
      ],
      ko: ['{who+과}의 일이 바라던 대로 되지 않아 속상했다.', '마음먹은 일이 뜻대로 되지 않아 속상했다.'],
    },
  },
  {
    id: 'loneliness',
    words: {
      en: /\b(lonely|alone|left out|isolated|no one to|(nobody|no one) (remembered|came|called|texted|showed up))\b/i,
      ko: /외로|쓸쓸|소외|혼자인 것 같|연락 ?(오는|온|할) 사람이? ?(하나도|아무도)? ?없|아무도 없/,
    },
    mood: 'lonely',
    weight: 2,
    reflections: {
      en: [
        'Feeling lonely is hard, and it is brave to say it.',
        'That sounds like a lonely stretch. I am glad you are talking to me about it.',
      ],
      ko: [
        '외로운 마음은 정말 힘들어요. 말해 줘서 고마워요.',
        '쓸쓸한 시간이었겠어요. 이렇게 이야기해 줘서 다행이에요.',
      ],
    },
    questions: {
      en: ['Who is someone you would like to hear from?', 'When did you last feel really close to someone?'],
      ko: ['지금 연락이 오면 반가울 사람이 있어요?', '마지막으로 누군가와 가깝다고 느낀 건 언제였어요?'],
    },
    diary: {
      en: ['I missed {who} and felt lonely.', 'I felt lonely today.'],
      ko: ['{who+이} 보고 싶고 외로웠다.', '외로운 마음이 들었다.'],
    },
  },
  {
    id: 'illness',
    words: {
      en: /\b(sick|ill|fever|flu|(a|the|bad) cold|covid|throw(ing)? up|threw up|vomit\w*|migraine|headache|sore throat|stomach ?ache|diagnos\w*|in (the )?hospital|doctor said|(back|head|stomach) (is |was )?killing me|my back hurts)\b/i,
      ko: /감기|몸살|열이 (나|났|많이)|(?<!마음이 ?)(아프|아파|아팠)|위염|장염|독감|두통|토했|병원(에|을)? ?(갔|가|다녀|에 있)|입원|진단|코로나/,
    },
    mood: 'tired',
    weight: 1.5,
    reflections: {
      en: [
        'Being unwell makes everything harder. I am sorry {who} is going through it.',
        'I am sorry you are unwell; everything is harder like that.',
        'Feeling sick wears you down. Go easy on yourself today.',
      ],
      ko: [
        '{who+이} 아프면 마음도 같이 힘들죠.',
        '아프면 모든 게 더 힘들죠. 정말 고생 많았어요.',
        '몸이 아프면 마음까지 지쳐요. 오늘은 스스로에게 너그러워도 돼요.',
      ],
    },
    questions: {
      en: [
        'Is someone looking after {who} tonight?',
        'Is there someone who can look after you a little?',
        'What would make you more comfortable tonight?',
      ],
      ko: [
        '오늘 밤 {who+을} 돌봐 줄 사람이 있어요?',
        '조금이라도 챙겨 줄 사람이 곁에 있어요?',
        '오늘 밤 조금이라도 편해지려면 뭐가 필요할까요?',
      ],
    },
    diary: {
      en: ['{who} was unwell, and it weighed on me.', 'I was not feeling well today.'],
      ko: ['{who+이} 아파서 마음이 쓰였다.', '몸이 좋지 않은 하루였다.'],
    },
  },
  {
    id: 'nerves',
    words: {
      en: /\b((was|felt|got|were) (so |really |super |very |a bit |pretty )?(nervous|jittery|shaky)|(hands|voice|legs|knees) (were |was )?(shaking|trembling|shook)|butterflies)\b/i,
      ko: /떨렸|긴장했|긴장됐|긴장이 됐|손이 떨|목소리가 떨|심장이 (두근|쿵쾅)/,
    },
    mood: 'anxious',
    weight: 1,
    reflections: {
      en: [
        'Nerves like that are hard to sit through, and you went through with it anyway.',
        'Being that nervous usually means it mattered to you.',
        'Getting through a moment that tense takes more than it looks like.',
      ],
      ko: [
        '많이 떨렸겠어요. 그래도 끝까지 해낸 거잖아요.',
        '그만큼 떨렸다는 건 그만큼 잘하고 싶었다는 거예요.',
        '긴장되는 순간을 버티는 건 생각보다 큰일이에요.',
      ],
    },
    questions: {
      en: [
        'How did you feel once it was over?',
        'What helped you get through it?',
        'What went better than you feared?',
      ],
      ko: [
        '끝나고 나서는 기분이 어땠어요?',
        '그 순간을 버티는 데 뭐가 도움이 됐어요?',
        '걱정했던 것보다 잘된 부분이 있었어요?',
      ],
    },
    diary: {
      en: ['{who} made me nervous, but I got through it.', 'I was nervous, but I got through it.'],
      ko: ['{who} 앞에서 많이 떨렸지만 잘 버텼다.', '많이 떨렸지만 잘 버텼다.'],
    },
  },
  {
    id: 'stress',
    words: {
      en: /\b(stress(ed|ful)?|overwhelm\w*|pressure|deadlines?|worried|worrying|anxious|nervous|on edge|jittery|rent|bills|broke|can't afford|money (is|was) tight|debt)\b/i,
      ko: /스트레스|걱정|긴장|마감|부담|압박|초조|벅차(?!서 (울|눈물))|떨려|떨리|조마조마|카드값|월세|잔고|통장|돈이 없|빚|퇴사하고 싶/,
    },
    mood: 'stressed',
    weight: 1,
    reflections: {
      en: [
        'That is a lot of pressure to hold. No wonder it is on your mind.',
        'It sounds like a lot landed on you at once.',
        'Carrying all of that would wear anyone down.',
      ],
      ko: [
        '부담이 많이 됐겠어요. 마음이 쓰이는 게 당연해요.',
        '한꺼번에 많은 일이 몰린 것 같아요.',
        '그걸 다 짊어지고 있으면 누구라도 지쳐요.',
      ],
    },
    questions: {
      en: [
        'Which part of it weighs on you the most?',
        'What is one thing that went okay despite it all?',
        'What could you set down until tomorrow?',
      ],
      ko: [
        '그중에서 가장 마음에 걸리는 부분은 뭐예요?',
        '그래도 괜찮게 흘러간 일이 하나 있었다면 뭐예요?',
        '내일로 미뤄 둬도 되는 건 뭐가 있을까요?',
      ],
    },
    diary: {
      en: ['{who} weighed on me, and I felt the pressure.', 'I felt the pressure building up.'],
      ko: ['{who} 일로 부담을 많이 느꼈다.', '해야 할 일들에 부담을 많이 느꼈다.'],
    },
  },
  {
    id: 'sleepless',
    words: {
      en: /\b(can'?t sleep|couldn'?t sleep|cannot sleep|could not sleep|did(n't| not) sleep (at all|a wink)|barely slept|hardly slept|insomnia|still awake|wide awake|up all night)\b|\b(it'?s|its) [1-4] ?(am|a\.m\.)/i,
      ko: /잠이 (안|잘 안) (와|온|오)|잠을 (못|잘 못|한숨도 못) (자|잤|자겠)|한숨도 못 ?잤|한숨도 못 자|잠을 설쳤|못 자겠|못 잤|불면|새벽 [1-4]시|잠이 안 들/,
    },
    mood: 'tired',
    weight: 1,
    reflections: {
      en: [
        'Lying awake like that is so tiring. I am here with you.',
        'Nights when sleep will not come feel long.',
        'It is hard when the mind will not switch off.',
      ],
      ko: [
        '잠이 안 오는 밤은 참 길죠. 여기 같이 있을게요.',
        '잠 못 드는 밤은 정말 지쳐요.',
        '생각이 멈추지 않을 때가 있죠.',
      ],
    },
    questions: {
      en: [
        'What is keeping your mind busy tonight?',
        'Is there something small that usually helps you wind down?',
      ],
      ko: ['오늘 밤 마음을 붙잡고 있는 생각이 있어요?', '평소에 마음을 가라앉히는 데 도움이 되는 게 있어요?'],
    },
    diary: {
      en: ['Thinking about {who} kept me up.', 'Sleep would not come.'],
      ko: ['{who} 생각에 잠이 오지 않았다.', '잠이 쉽게 오지 않는 밤이었다.'],
    },
  },
  {
    id: 'fatigue',
    words: {
      en: /\b(tired|exhausted|exhausting|drained|sleepy|worn out|burn(ed|t) out|no energy|(no|zero|barely any) sleep|running on (empty|fumes|zero))\b/i,
      ko: /피곤|지쳤|지쳐|지친|졸려|졸리|녹초|기운이 없|힘들었|힘들어|힘든|진이? ?(다 )?빠/,
    },
    mood: 'tired',
    weight: 1,
    reflections: {
      en: [
        'That sounds like a draining day; it makes sense that you feel worn out.',
        'You have been running on empty, it seems.',
        'Days like that take everything out of you.',
      ],
      ko: [
        '많이 지치는 하루였겠어요. 피곤한 게 당연해요.',
        '오늘 에너지를 다 써 버린 것 같아요.',
        '그런 날은 정말 기운이 쭉 빠지죠.',
      ],
    },
    questions: {
      en: [
        'What would help you rest a little tonight?',
        'Was there a moment today when you could catch your breath?',
        'What could you take off your plate tomorrow?',
      ],
      ko: [
        '오늘 밤엔 무엇이 조금이라도 쉬는 데 도움이 될까요?',
        '오늘 중에 잠깐이라도 숨 돌린 순간이 있었나요?',
        '내일은 뭘 조금 덜어 낼 수 있을까요?',
      ],
    },
    diary: {
      en: ['Between everything with {who}, I was worn out.', 'I was worn out.'],
      ko: ['{who} 일까지 겹쳐서 많이 지쳤다.', '많이 지쳤다.'],
    },
  },
  {
    // Not a mood: a memory colours no day, but is asked about as one.
    id: 'memory',
    words: {
      en: /(?<!(?:\b(?:get|gets|getting|got|am|is|are|was|were|be|been|being)|'m|'re|'s) )\bused to\b|\b(reminded me of|made me think (of|about)|brought back|when I was (little|a kid|young|younger|small|a child|in (school|high school|college))|back in the day|growing up|childhood|memories|nostalgi\w*)\b/i,
      ko: /(?<!(?:좋은|괜찮은|새로운|다른) ?)생각이 ?났|(?<!(?:좋은|괜찮은|새로운|다른) ?)생각났|떠올랐|어릴 때|어렸을 때|어린 시절|옛날|추억|그 시절/,
    },
    mood: 'calm',
    weight: 0,
    reflections: {
      en: [
        'Funny how a moment can bring an old memory right back.',
        'That sounds like a memory worth keeping.',
        'Memories like that stay with us for a reason.',
      ],
      ko: [
        '어떤 순간은 옛 기억을 그대로 데려오죠.',
        '소중하게 간직할 만한 기억 같아요.',
        '그런 기억은 오래 남는 이유가 있죠.',
      ],
    },
    questions: {
      en: [
        'What do you remember most about {who} back then?',
        'What do you remember most about those days?',
        'What brought that memory back today?',
      ],
      ko: [
        '그때 {who+은} 어떤 모습이었어요?',
        '그 시절에 대해 가장 기억에 남는 건 뭐예요?',
        '오늘 어떤 게 그 기억을 떠올리게 했어요?',
      ],
    },
    diary: {
      en: ['Today brought back memories of {who}.', 'Old memories came back to me today.'],
      ko: ['{who+과}의 추억이 떠올랐다.', '옛 추억이 떠올랐다.'],
    },
  },
  {
    // Good news and achievements weigh more than the tiredness that so often ends the same day.
    id: 'good-news',
    words: {
      en: /\b(good news|great news|got (the|a|an|his|her|their) (job|offer|place|promotion|part|role|raise)|got (in|accepted|engaged|a raise)|(was|is|got) promoted|promotion|(first|my) pay ?check|first salary|got paid)\b/i,
      ko: /좋은 소식|기쁜 소식|붙었|합격|승진|약혼|첫 월급|월급 (받|들어)|월급날|보너스|연봉이? (올랐|인상)/,
    },
    mood: 'joyful',
    weight: 1.5,
    light: true,
    reflections: {
      en: [
        'Good news for {who}! No wonder it stayed with you.',
        'What wonderful news; that is worth celebrating.',
        'News like that lifts the whole day.',
      ],
      ko: [
        '{who}에게 정말 좋은 소식이네요! 마음에 남을 만해요.',
        '축하할 일이네요! 정말 반가운 소식이에요.',
        '그런 소식은 하루를 환하게 만들죠.',
      ],
    },
    questions: {
      en: [
        'How did you feel when {who} told you?',
        'How are you going to celebrate?',
        'What did you say when you heard?',
      ],
      ko: [
        '{who+이} 말해 줬을 때 어떤 기분이 들었어요?',
        '어떻게 축하할 거예요?',
        '소식을 듣고 뭐라고 했어요?',
      ],
    },
    diary: {
      en: [
        '{who} had good news today, and I was happy for them.',
        'Good news came today, and it lifted the day.',
      ],
      ko: ['{who}에게 좋은 소식이 있어서 나도 기뻤다.', '좋은 소식이 들려와 하루가 환해졌다.'],
    },
  },
  {
    id: 'praise',
    words: {
      en: /\b(praised|complimented|compliments?|well done|good job|great job|said (it|I|that I|my \w+) (was|were|did) (so |really |a )?(great|amazing|brilliant|excellent|perfect|fantastic|the best))\b/i,
      ko: /칭찬|잘했다고|최고였다고|훌륭했다고/,
    },
    mood: 'proud',
    weight: 1.5,
    light: true,
    reflections: {
      en: ['Hearing that from {who} must have felt good.', 'Praise like that is worth letting sink in.'],
      ko: ['{who}에게 그런 말을 들으면 정말 기쁘죠.', '그런 칭찬은 마음껏 누려도 돼요.'],
    },
    questions: {
      en: ['What do you think made it land so well?', 'Who would you like to tell about it?'],
      ko: ['무엇이 그렇게 좋은 결과를 만든 것 같아요?', '이 이야기를 누구에게 제일 먼저 하고 싶어요?'],
    },
    diary: {
      en: ['{who} praised me today, and it felt good.', 'I was praised today, and it felt good.'],
      ko: ['{who}에게 칭찬을 받아 기분이 좋았다.', '칭찬을 받아 기분이 좋았다.'],
    },
  },
  {
    id: 'pride',
    words: {
      en: /\b(proud(?! of (him|her|them|it)sel(f|ves))|finally (did|finished|passed|fixed|cleaned|tidied|organi[sz]ed|submitted|sent|started|booked|made it|got it done|got around to)|passed (the|my)|accomplished|nailed it)\b/i,
      ko: /뿌듯|자랑스|해냈|합격|드디어[^.?!\n]{0,20}(끝냈|마쳤|고쳤|치웠|정리했|완성했|제출했|시작했)|(한 ?달|일주일|\d+일|\d+주) ?(채웠|성공)|목표 달성/,
    },
    mood: 'proud',
    weight: 1.5,
    light: true,
    reflections: {
      en: ['You did it, and that deserves a moment.', 'That is something to be proud of.'],
      ko: ['해냈네요! 잠깐 멈춰서 축하할 만한 일이에요.', '정말 뿌듯할 만한 일이에요.'],
    },
    questions: {
      en: ['What part of it are you proudest of?', 'How will you celebrate, even a little?'],
      ko: ['그중에서 가장 뿌듯한 부분은 뭐예요?', '작게라도 어떻게 축하할 거예요?'],
    },
    diary: {
      en: ['{who} made me proud today.', 'I did something I am proud of.'],
      ko: ['{who} 덕분에 뿌듯했다.', '스스로가 뿌듯한 일이 있었다.'],
    },
  },
  {
    id: 'excitement',
    words: {
      en: /(?<!\b(was|were) (so |really |very )?)\b(excited|exciting|can't wait|cannot wait|looking forward|thrilled)\b/i,
      ko: /설레|설렜|기대돼|기대된|기대가 돼|신나|신났|두근|심장 터질|심쿵/,
    },
    mood: 'excited',
    weight: 1,
    light: true,
    reflections: {
      en: ['I can feel your excitement from here!', 'What a thing to look forward to.'],
      ko: ['여기까지 설렘이 느껴져요!', '기대할 일이 있다는 건 정말 좋네요.'],
    },
    questions: {
      en: ['What are you most looking forward to?', 'When does it happen?'],
      ko: ['가장 기대되는 건 뭐예요?', '그게 언제예요?'],
    },
    diary: {
      en: ['Thinking of {who}, I felt excited.', 'I felt excited about what is coming.'],
      ko: ['{who} 생각에 마음이 설렜다.', '앞으로 올 일에 마음이 설렜다.'],
    },
  },
  {
    id: 'feeling-better',
    words: {
      en: /\b((feel|feels|feeling|felt) (a (little|bit|lot) |much |so much |way )?better|doing better|better now|(that|it|(a|the|my) (\w+ ){0,2}\w+) (really |actually |kind of |sort of )?helped)\b/i,
      ko: /나아졌|나아진|괜찮아졌|한결 (가벼|나아|편해|낫)|훨씬 (낫|나아|괜찮아)/,
    },
    mood: 'hopeful',
    weight: 1,
    light: true,
    reflections: {
      en: ['I am glad it eased a little.', 'Good to hear it feels a bit lighter now.'],
      ko: ['조금이라도 나아졌다니 다행이에요.', '한결 가벼워졌다니 반가워요.'],
    },
    questions: {
      en: ['What helped the most?', 'What would help it stay that way tomorrow?'],
      ko: ['뭐가 제일 도움이 됐어요?', '내일도 그렇게 지내려면 뭐가 있으면 좋을까요?'],
    },
    diary: {
      en: [
        'Being with {who} helped, and I felt a little better.',
        'By the end of it, I felt a little better.',
      ],
      ko: ['{who} 덕분에 조금 나아졌다.', '시간이 지나면서 조금 나아졌다.'],
    },
  },
  {
    id: 'gratitude',
    words: {
      en: /\b(grateful|thankful|appreciat\w*|lucky|cheered me up|made me feel better|relie(f|ved)|came back (normal|fine|clear|negative))\b/i,
      ko: /감사|고마웠|고마워|고맙|다행|위로가 됐|위로가 되었|힘이 됐|힘이 났|기분이 풀렸|마음이 풀렸|안심|정상이래|괜찮대/,
    },
    mood: 'grateful',
    weight: 1,
    light: true,
    reflections: {
      en: ['That is a lovely thing to notice.', 'Moments like that are worth holding on to.'],
      ko: ['그런 걸 알아차린다는 게 참 좋아요.', '그런 순간은 오래 간직할 만해요.'],
    },
    questions: {
      en: ['What made you feel grateful for it today?', 'Have you told {who} how you feel?'],
      ko: ['오늘 특히 고맙게 느껴진 이유가 있어요?', '{who}에게 그 마음을 전했어요?'],
    },
    diary: {
      en: ['I felt grateful for {who}.', 'I felt grateful for the small things.'],
      ko: ['{who}에게 고마운 마음이 들었다.', '작은 것들에 고마운 마음이 들었다.'],
    },
  },
  {
    id: 'joy',
    words: {
      en: /\b(happy|glad|(?<!\b(oh|just) )great(?! start)|fun|wonderful|amazing|lovely|loved|enjoyed|good day|nice|(was|were) (so |really |very )?(excited|thrilled)|delicious|laughed|funny|hilarious|smil(e|ed|es|ing)|a free|for free|best (night|day|time)( ever)?|so good|(so|that was|how) sweet|went (really |so |very )?well|surprise party)\b/i,
      ko: /기뻤|기뻐|기쁘|(?<!안 )좋았|(?<!안 )좋(아|다|네)(?!하)|행복|즐거|즐겁|재밌|재미있|웃었|웃음|웃겼|웃기|미소|맛있|선물|공짜|덤으로|서비스로|하나 더 (?:줬|주셨|받았)|더 (?:줬|주셨|얹어)|깜짝 파티|서프라이즈|축하해 ?(줬|주셨)/,
    },
    mood: 'joyful',
    weight: 1,
    light: true,
    reflections: {
      en: [
        'I can hear the joy in that. What a good moment to have.',
        'That sounds lovely; it made me smile too.',
        'What a nice part of the day.',
      ],
      ko: [
        '듣기만 해도 기분이 좋아지네요.',
        '정말 좋은 순간이었겠어요.',
        '오늘 하루에 반짝이는 순간이 있었네요.',
      ],
    },
    questions: {
      en: [
        'What made it feel so good?',
        'What was the best part with {who}?',
        'Who would you most like to share that moment with?',
      ],
      ko: [
        '어떤 점이 그렇게 좋았어요?',
        '{who+과} 함께해서 제일 좋았던 건 뭐예요?',
        '그 순간을 누구와 가장 나누고 싶어요?',
      ],
    },
    diary: {
      en: ['Time with {who} made me happy.', 'Something made me happy today.'],
      ko: ['{who} 덕분에 기분이 좋았다.', '기분 좋은 일이 있었다.'],
    },
  },
  {
    id: 'calm',
    words: {
      en: /\b(calm|relaxed|relaxing|peaceful|(?<!\b(everyone|everybody|house|home|it) (is|was) (just |so |very )?)quiet|rested|cozy|slow day)\b/i,
      ko: /평온|편안|여유|느긋|차분|한가|잔잔/,
    },
    mood: 'calm',
    weight: 1,
    light: true,
    reflections: {
      en: ['A quiet day can be a real gift.', 'That sounds peaceful.'],
      ko: ['잔잔한 하루도 참 소중해요.', '평온한 시간이었네요.'],
    },
    questions: {
      en: ['What helped the day feel so calm?', 'What would you like more of tomorrow?'],
      ko: ['무엇 덕분에 그렇게 편안했어요?', '내일도 이어 가고 싶은 게 있어요?'],
    },
    diary: {
      en: ['The day with {who} felt calm.', 'The day felt calm.'],
      ko: ['{who+과} 함께한 하루가 편안했다.', '마음이 평온한 하루였다.'],
    },
  },
];

const words = [
  'Today',
  ' felt',
  ' calm',
  ' and',
  ' slow',
  '.',
  ' 오늘은',
  ' 강가를',
  '걸었어요',
  '.',
  ' Tell',
  ' me',
  ' more',
  ' about',
  ' it',
  '?',
];

/** The tokens the fake upstream streams, one Chat Completions chunk each. */
export const replyTokens = (count: number): string[] =>
  Array.from({ length: count }, (_, index) => words[index % words.length] ?? '');

/** What a stream must add up to for the bench to count it as complete. */
export const expectedReply = (count: number): string => replyTokens(count).join('');

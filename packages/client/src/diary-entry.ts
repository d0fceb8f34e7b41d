/**
 * The diary entry Haru's diarist returns as structured output. The gateway asks the model for this
 * shape (`diaryEntrySchema`); the app parses it and localises and colours the mood.
 */
export const diaryMoods = [
  'joyful',
  'excited',
  'grateful',
  'proud',
  'calm',
  'hopeful',
  'tired',
  'stressed',
  'anxious',
  'sad',
  'angry',
  'lonely',
] as const;

export type DiaryMood = (typeof diaryMoods)[number];

export interface DiaryEntry {
  /** The entry itself, first person, in the day's language. */
  entry: string;
  mood: DiaryMood;
  /** One line about the day, for lists and the calendar. */
  summary: string;
}

/** JSON Schema for `response_format: { type: 'json_schema' }`, strict-mode compatible. */
export const diaryEntrySchema = {
  type: 'object',
  properties: {
    entry: {
      type: 'string',
      description: "The diary entry, first person, in the language of the day's conversation",
    },
    mood: {
      type: 'string',
      enum: [...diaryMoods],
      description: 'The mood of the day, from what the person said',
    },
    summary: { type: 'string', description: 'One short line summing up the day, in the same language' },
  },
  required: ['entry', 'mood', 'summary'],
  additionalProperties: false,
} as const;

const isMood = (value: unknown): value is DiaryMood => diaryMoods.includes(value as DiaryMood);

/** The entry in a diarist's reply, or undefined when the reply is not a valid entry. */
export function parseDiaryEntry(text: string): DiaryEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { entry, mood, summary } = value as Record<string, unknown>;
  if (typeof entry !== 'string' || entry.trim() === '' || !isMood(mood) || typeof summary !== 'string')
    return undefined;
  return { entry, mood, summary };
}

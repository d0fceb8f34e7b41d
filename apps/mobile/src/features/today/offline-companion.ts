import { type Message, messageText } from '@haru/client';

/** The gateway's name for its built-in stand-in, on the replies it writes and on its model. */
export const offlineCompanion = 'haru-offline-companion';

/** The stand-in's note about itself names the setting that connects a model; it is how the gateway recognises it too. */
const noteMarker = 'OPENAI_API_KEY';
const bracketedAside = /\s*\([^()]*\)/g;
const unclosedAside = /\s*\([^()]*$/;

/**
 * A message's text as the app shows it. The built-in stand-in writes a bracketed note about itself into
 * the first reply of every day; the app says that once, in the offline-companion notice, so the note is
 * left out here, and while it is still being written (its bracket not yet closed) too.
 */
export function shownText(message: Message | undefined): string {
  const text = messageText(message);
  const shown =
    message?.metadata?.generated_by !== offlineCompanion
      ? text
      : text
          .replace(bracketedAside, (aside) => (aside.includes(noteMarker) ? '' : aside))
          .replace(unclosedAside, '')
          .trim();
  return shown.slice(0, shownLengthOf(message));
}

/**
 * How much of a reply stopped by the person was on screen when they pressed Stop (`haru_shown`): the
 * few words the model wrote before the stop reached it are never shown, on this device or another.
 */
function shownLengthOf(message: Message | undefined): number | undefined {
  const length = Number(message?.metadata?.[shownLengthKey]);
  return Number.isInteger(length) && length >= 0 ? length : undefined;
}

export const shownLengthKey = 'haru_shown';

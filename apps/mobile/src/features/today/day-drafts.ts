import { addDays } from '../days/day-key';
import { keyValueStorage } from '../session/key-value-storage';

const draftKey = (dayKey: string) => `haru.draft.${dayKey}`;

// Every read and write of a draft waits for the ones before it, whichever day they are for: a clear on send
// is never overtaken by an older keystroke, and a day that has just rolled over reads the previous day's
// draft only after that day's last keystroke was kept.
let queue: Promise<unknown> = Promise.resolve();
function inTurn<T>(work: () => Promise<T>): Promise<T> {
  const turn = queue.then(work);
  queue = turn.catch(() => undefined);
  return turn;
}

/** Keeps what is being written for a day, or forgets it when empty. */
export function keepDraft(dayKey: string, text: string): Promise<void> {
  return inTurn(() =>
    text ? keyValueStorage.set(draftKey(dayKey), text) : keyValueStorage.remove(draftKey(dayKey)),
  );
}

/** `carried` ahead of `own`, unless `own` already holds it. */
export function joinDrafts(carried: string, own: string): string {
  if (!carried.trim() || own.includes(carried)) return own;
  if (!own.trim()) return carried;
  return `${carried}\n${own}`;
}

/**
 * A day's draft, with the unsent draft of the day before it moved in (once: the day before keeps it no
 * longer), so words being typed when the day rolls over are not left behind under yesterday's key.
 */
export function draftTakingOver(dayKey: string, dayBefore: string): Promise<string> {
  return inTurn(async () => {
    const own = (await keyValueStorage.get(draftKey(dayKey))) ?? '';
    const carried = (await keyValueStorage.get(draftKey(dayBefore)).catch(() => null)) ?? '';
    if (!carried) return own;
    const joined = joinDrafts(carried, own);
    if (joined !== own) await keyValueStorage.set(draftKey(dayKey), joined);
    await keyValueStorage.remove(draftKey(dayBefore));
    return joined;
  });
}

/**
 * Forgets the unsent words of `dayKey` and of the week before it, the only ones the app could still
 * show: a device signed out of a diary keeps none of it for whoever begins the next one there.
 */
export function forgetRecentDrafts(dayKey: string): Promise<void> {
  return inTurn(async () => {
    for (let back = 0; back <= 7; back++) {
      await keyValueStorage.remove(draftKey(addDays(dayKey, -back))).catch(() => undefined);
    }
  });
}

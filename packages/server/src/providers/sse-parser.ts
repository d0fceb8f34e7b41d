import { StringDecoder } from 'node:string_decoder';

const lineFeed = 10;
const colon = 58;
const space = 32;

/**
 * An incremental server-sent events parser that calls `onData` with each event's `data`. Feed it bytes as
 * they arrive: a chunk may end anywhere, even inside a UTF-8 character or between `\r` and `\n`.
 * Comments and the `event`, `id` and `retry` fields are skipped, since Chat Completions uses none of them;
 * an event the stream cuts off before its blank line is never delivered, as in EventSource.
 */
export function createSseParser(onData: (data: string) => void): (chunk: Buffer) => void {
  const decoder = new StringDecoder('utf8');
  let unfinishedLine = '';
  let data: string | undefined;
  let lastChunkEndedWithCarriageReturn = false;

  function readLine(text: string, start: number, end: number) {
    if (start === end) {
      if (data === undefined) return;
      const event = data;
      data = undefined;
      onData(event);
      return;
    }
    if (!text.startsWith('data', start)) return;
    let valueStart = start + 4;
    if (valueStart < end) {
      if (text.charCodeAt(valueStart) !== colon) return;
      valueStart++;
      if (valueStart < end && text.charCodeAt(valueStart) === space) valueStart++;
    }
    const value = text.slice(valueStart, end);
    data = data === undefined ? value : `${data}\n${value}`;
  }

  return (chunk) => {
    let text = decoder.write(chunk);
    if (text.length === 0) return;
    let start = 0;
    if (lastChunkEndedWithCarriageReturn && text.charCodeAt(0) === lineFeed) start = 1;
    lastChunkEndedWithCarriageReturn = false;
    if (unfinishedLine) {
      text = unfinishedLine + text;
      unfinishedLine = '';
    }
    // Both searches resume where they left off, so a chunk of many lines is scanned once, not once per line.
    let nextLineFeed = -1;
    let nextCarriageReturn = -1;
    for (;;) {
      if (nextLineFeed < start) nextLineFeed = indexOrEnd(text, '\n', start);
      if (nextCarriageReturn < start) nextCarriageReturn = indexOrEnd(text, '\r', start);
      const end = Math.min(nextLineFeed, nextCarriageReturn);
      if (end === text.length) break;
      readLine(text, start, end);
      start = end + 1;
      if (end === nextCarriageReturn) {
        if (start === text.length) lastChunkEndedWithCarriageReturn = true;
        else if (text.charCodeAt(start) === lineFeed) start++;
      }
    }
    if (start < text.length) unfinishedLine = text.slice(start);
  };
}

function indexOrEnd(text: string, search: string, from: number): number {
  const index = text.indexOf(search, from);
  return index === -1 ? text.length : index;
}

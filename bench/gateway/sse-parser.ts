export interface SseEvent {
  event: string;
  data: string;
}

/** Takes decoded text in any chunking and calls `onEvent` per complete event; comments (keep-alives) are skipped. */
export function sseParser(onEvent: (event: SseEvent) => void): (text: string) => void {
  let buffered = '';
  return (text) => {
    buffered += text;
    let end = buffered.indexOf('\n\n');
    while (end !== -1) {
      const block = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(line[5] === ' ' ? 6 : 5));
      }
      if (data.length > 0) onEvent({ event, data: data.join('\n') });
      end = buffered.indexOf('\n\n');
    }
  };
}

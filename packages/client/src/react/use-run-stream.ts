import { useCallback, useEffect, useRef, useState } from 'react';
import type { HaruClient } from '../client.ts';
import { emptyRunSnapshot, messageText, type RunSnapshot } from '../stream/run-snapshot.ts';
import type { RunStream } from '../stream/run-stream.ts';
import type { RunParams } from '../types.ts';
import { createFrameBatcher } from './frame-batcher.ts';

export interface RunStreamState {
  snapshot: RunSnapshot;
  /** The reply being written, as far as it has come. */
  text: string;
  streaming: boolean;
  error: Error | undefined;
}

export interface UseRunStreamOptions {
  /** Called once when a started run ends, with its final snapshot and the error if it failed. */
  onEnd?: (snapshot: RunSnapshot, error: Error | undefined) => void;
}

const idle: RunStreamState = { snapshot: emptyRunSnapshot, text: '', streaming: false, error: undefined };

/**
 * Streams a run into React state, rendering at most once per animation frame however fast deltas come.
 * Unmounting stops listening; the run itself goes on at the server.
 */
export function useRunStream(client: HaruClient, options: UseRunStreamOptions = {}) {
  const [state, setState] = useState<RunStreamState>(idle);
  const current = useRef<RunStream | undefined>(undefined);
  const onEnd = useRef(options.onEnd);
  onEnd.current = options.onEnd;

  useEffect(() => () => current.current?.close(), []);

  /** Shows a run's stream in state until it ends; a newer stream replaces it. */
  const watch = useCallback((stream: RunStream) => {
    current.current?.close();
    current.current = stream;
    const render = (snapshot: RunSnapshot, streaming: boolean, error?: Error) => {
      if (current.current !== stream) return;
      const reply = snapshot.messages.findLast((message) => message.role === 'assistant');
      setState({ snapshot, text: messageText(reply), streaming, error });
    };
    const batcher = createFrameBatcher<RunSnapshot>((snapshot) => render(snapshot, true));
    let failure: Error | undefined;
    setState({ ...idle, streaming: true });
    stream
      .on('event', (_event, snapshot) => batcher.schedule(snapshot))
      .on('error', (error) => {
        failure = error;
      })
      .on('end', (snapshot) => {
        batcher.flush();
        if (current.current === stream) onEnd.current?.(snapshot, failure);
        render(snapshot, false, failure);
      });
    return stream;
  }, []);

  /** Creates a run on the thread and streams it. */
  const start = useCallback(
    (threadId: string, params: RunParams) => watch(client.runs.stream(threadId, params)),
    [client, watch],
  );

  /** Streams a run that is already going, e.g. one found still being written after a reload. */
  const follow = useCallback(
    (threadId: string, runId: string) => watch(client.runs.follow(threadId, runId)),
    [client, watch],
  );

  const abort = useCallback(() => current.current?.abort(), []);

  return { ...state, start, follow, abort };
}

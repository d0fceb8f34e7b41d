import { createHaruClient, xhrTransport } from '@haru/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useRef, useState } from 'react';
import { SafeAreaProvider } from 'react-native-safe-area-context';
import { fetch as nodeFetch } from 'undici';
import { XMLHttpRequest as NodeXMLHttpRequest } from 'xmlhttprequest';
import { type HaruSession, SessionContext } from '@/features/session/haru-session';
import { cachesReportingSignOut } from '@/features/session/signed-out';
import type { Settings } from '@/features/settings/settings';
import { type Language, strings } from '@/i18n/strings';

export const gatewayUrl = () => {
  const url = process.env.HARU_TEST_GATEWAY;
  if (!url) throw new Error('the test gateway is not running (see test-support/gateway-setup.js)');
  return url;
};

// jest-expo's global fetch is expo/fetch over stubbed native modules, so tests reach the gateway with
// Node's own HTTP: undici for requests, and an XMLHttpRequest on node:http for streams (undici's
// streamed bodies never wake up inside jest's environment).
const realFetch = nodeFetch as unknown as typeof fetch;
const streamTransport = xhrTransport(NodeXMLHttpRequest as unknown as new () => XMLHttpRequest);

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

/**
 * For tests that drive a screen against the real test gateway. Its answers arrive when the network
 * delivers them, not inside an act() scope, so (as in an end-to-end test) React is told this is not an
 * act environment: it renders them as the app would, and the tests wait for what a person would see
 * with findBy and waitFor. Events the tests fire still run inside act.
 */
export function answersComeFromTheNetwork() {
  beforeAll(() => {
    globalThis.IS_REACT_ACT_ENVIRONMENT = false;
  });
}

type RequestPattern = { method: string; path: RegExp };
const matches = (pattern: RequestPattern | undefined, method: string, path: string) =>
  pattern?.method === method && pattern.path.test(path);

/** A network that can be switched off, over the test gateway, to show what a person sees offline. */
export function switchableNetwork() {
  let online = true;
  let loseAnswerTo: RequestPattern | undefined;
  let holdRequestsTo: RequestPattern | undefined;
  const held: Array<(outcome: 'answer' | 'fail') => void> = [];
  /** Every request, in order, as it started and as it was answered. */
  const log: Array<{ method: string; path: string; event: 'start' | 'end' }> = [];
  const fetchThrough: typeof fetch = async (input, init) => {
    if (!online) throw new TypeError('Network request failed');
    const method = init?.method ?? 'GET';
    const path = new URL(String(input)).pathname;
    if (matches(holdRequestsTo, method, path)) {
      const outcome = await new Promise<'answer' | 'fail'>((resolve) => held.push(resolve));
      if (outcome === 'fail') throw new TypeError('Network request failed');
    }
    log.push({ method, path, event: 'start' });
    try {
      const answer = await realFetch(input, init);
      if (!matches(loseAnswerTo, method, path)) return answer;
      loseAnswerTo = undefined;
      throw new TypeError('Network request failed');
    } finally {
      log.push({ method, path, event: 'end' });
    }
  };
  return {
    fetch: fetchThrough,
    /** The next such request reaches the server, which acts on it, but its answer never comes back. */
    loseNextAnswerTo: (method: string, path: RegExp) => {
      loseAnswerTo = { method, path };
    },
    /** From now on such requests wait, unsent, until `releaseHeld` lets them go on or fail. */
    holdRequestsTo: (method: string, path: RegExp) => {
      holdRequestsTo = { method, path };
    },
    stopHolding: () => {
      holdRequestsTo = undefined;
    },
    /** How many held requests are waiting. */
    waiting: () => held.length,
    /** Every waiting request goes on to the server (`answer`), or fails as if the network dropped. */
    releaseHeld: (outcome: 'answer' | 'fail') => {
      for (const release of held.splice(0)) release(outcome);
    },
    /** The requests like this that were sent, in order. */
    sent: (method: string, path: RegExp) =>
      log.filter((entry) => entry.event === 'start' && matches({ method, path }, entry.method, entry.path)),
    /** The most requests like this that were waiting for their answers at the same time. */
    mostAtOnce: (method: string, path: RegExp) => {
      let open = 0;
      let most = 0;
      for (const entry of log) {
        if (!matches({ method, path }, entry.method, entry.path)) continue;
        open += entry.event === 'start' ? 1 : -1;
        most = Math.max(most, open);
      }
      return most;
    },
    goOffline: () => {
      online = false;
    },
    goOnline: () => {
      online = true;
    },
  };
}

/** A registered device on the test gateway, as the app would have after first launch. */
export async function newTestSession(
  options: { language?: Language; fetch?: typeof fetch } = {},
): Promise<HaruSession> {
  const baseURL = gatewayUrl();
  const { token } = await createHaruClient({ baseURL, fetch: realFetch }).auth.registerDevice();
  const client = createHaruClient({
    baseURL,
    token,
    transport: streamTransport,
    poll: { intervalsMs: [50, 100] },
    fetch: options.fetch ?? realFetch,
  });
  const language = options.language ?? 'en';
  const settings: Settings = {
    serverUrl: baseURL,
    language,
    dayStartHour: 4,
    reminderAt: null,
    lockAfterMinutes: null,
  };
  return {
    settings,
    language,
    strings: strings[language],
    saveSettings: async () => undefined,
    connection: { client, companionId: 'asst_haru_companion', diaristId: 'asst_haru_diarist' },
    startupError: undefined,
    retryStartup: () => undefined,
    needsIntro: false,
    introNotice: undefined,
    beginDiary: async () => undefined,
    signedOut: async () => undefined,
  };
}

export function WithSession({ session, children }: { session: HaruSession; children: ReactNode }) {
  const sessionNow = useRef(session);
  sessionNow.current = session;
  // A fresh cache per rendering, and no retries: a test sees the first answer. A 401 signs out, as in the app.
  const [queryClient] = useState(
    () =>
      new QueryClient({
        ...cachesReportingSignOut(() => void sessionNow.current.signedOut()),
        defaultOptions: { queries: { retry: false, gcTime: Number.POSITIVE_INFINITY } },
      }),
  );
  return (
    <SafeAreaProvider
      initialMetrics={{
        frame: { x: 0, y: 0, width: 390, height: 844 },
        insets: { top: 0, left: 0, right: 0, bottom: 0 },
      }}
    >
      <QueryClientProvider client={queryClient}>
        <SessionContext.Provider value={session}>{children}</SessionContext.Provider>
      </QueryClientProvider>
    </SafeAreaProvider>
  );
}

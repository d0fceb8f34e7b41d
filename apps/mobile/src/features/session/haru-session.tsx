import type { HaruClient } from '@haru/client';
import { QueryClientProvider } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { type Language, type Strings, strings } from '@/i18n/strings';
import { dayKeyFor } from '../days/day-key';
import { parseSettings, type Settings } from '../settings/settings';
import { forgetRecentDrafts } from '../today/day-drafts';
import {
  connect,
  forgetDevice,
  readDeviceToken,
  refusedStoredToken,
  registerDevice,
  SignedOutError,
} from './connect';
import { keyValueStorage } from './key-value-storage';
import { createQueryClient } from './query-client';

const settingsKey = 'haru.settings';

/** Why the introduction shows again, said at its top: this device was signed out elsewhere, or its diary erased here. */
export type IntroNotice = 'signed-out-elsewhere' | 'diary-erased';

export interface HaruSession {
  settings: Settings;
  strings: Strings;
  language: Language;
  saveSettings: (next: Settings) => Promise<void>;
  /** Undefined until the device is registered and Haru's assistants are found. */
  connection: Connection | undefined;
  startupError: Error | undefined;
  retryStartup: () => void;
  /** True on this server's first launch (or after this device was signed out): the introduction shows. */
  needsIntro: boolean;
  /**
   * Said on the introduction: this device was signed out from another device (or by the server's owner),
   * not here, or the person erased their diary here.
   */
  introNotice: IntroNotice | undefined;
  /** Starts a new diary on this device, or joins the one another device shows a link code for. */
  beginDiary: (linkCode?: string) => Promise<void>;
  /**
   * After this device was signed out (here, or from another device, which any server call answering 401
   * reveals): forgets its key and shows the introduction again. Unless `confirmed` (it was just signed
   * out here) or `erased` (the diary itself was just erased here), the server is asked first whether it
   * refuses the key this device keeps now.
   */
  signedOut: (options?: { confirmed?: boolean; erased?: boolean }) => Promise<void>;
}

export interface Connection {
  client: HaruClient;
  companionId: string;
  diaristId: string;
}

/** Exported for tests, which provide a session without device storage. */
export const SessionContext = createContext<HaruSession | undefined>(undefined);

export function useHaruSession(): HaruSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useHaruSession needs a HaruSessionProvider above it');
  return session;
}

/** Connects this device (after the introduction on its first launch) and keeps the client, settings and strings at hand. */
export function HaruSessionProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState<Settings | undefined>(undefined);
  const [connection, setConnection] = useState<Connection | undefined>(undefined);
  const [startupError, setStartupError] = useState<Error | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  const [needsIntro, setNeedsIntro] = useState(false);
  const [introNotice, setIntroNotice] = useState<IntroNotice | undefined>(undefined);
  /** True from a sign-out until the next connection: the many calls that find out at once act once. */
  const signingOut = useRef(false);
  const signedOutNow = useRef<() => Promise<void>>(async () => undefined);
  const [queryClient] = useState(() =>
    createQueryClient(() => {
      signedOutNow.current().catch((error: unknown) => console.warn('Could not sign out:', error));
    }),
  );

  useEffect(() => {
    // Unreadable settings (a secure store that lost its key after a restore) fall back to the defaults.
    // Nothing is left to reject once the read is caught: parseSettings never throws.
    void keyValueStorage
      .get(settingsKey)
      .catch(() => null)
      .then((stored) => setSettings(parseSettings(stored)));
  }, []);

  const serverUrl = settings?.serverUrl;
  const dayStartHour = settings?.dayStartHour;
  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt only triggers a new connection when retryStartup bumps it
  useEffect(() => {
    if (serverUrl === undefined) return;
    let cancelled = false;
    // What one server said says nothing about another: a new connection starts with nothing cached.
    queryClient.clear();
    setConnection(undefined);
    setStartupError(undefined);
    setNeedsIntro(false);
    readDeviceToken(serverUrl)
      .then(async (token) => {
        if (!token) return !cancelled && setNeedsIntro(true);
        const next = await connect(serverUrl, token);
        if (cancelled) return;
        signingOut.current = false;
        setConnection(next);
      })
      .catch(async (error: Error) => {
        if (cancelled) return;
        if (!(error instanceof SignedOutError)) return setStartupError(error);
        await forgetDevice(serverUrl).catch(() => undefined);
        await forgetRecentDrafts(dayKeyFor(new Date(), dayStartHour ?? 4));
        setIntroNotice('signed-out-elsewhere');
        setNeedsIntro(true);
      });
    return () => {
      cancelled = true;
    };
  }, [serverUrl, attempt, queryClient]);

  const saveSettings = useCallback(async (next: Settings) => {
    await keyValueStorage.set(settingsKey, JSON.stringify(next));
    setSettings(next);
  }, []);
  const retryStartup = useCallback(() => setAttempt((n) => n + 1), []);
  const beginDiary = useCallback(
    async (linkCode?: string) => {
      if (!serverUrl) return;
      await registerDevice(serverUrl, linkCode);
      setIntroNotice(undefined);
      setAttempt((n) => n + 1);
    },
    [serverUrl],
  );
  const signedOut = useCallback(
    async (options?: { confirmed?: boolean; erased?: boolean }) => {
      if (!serverUrl || signingOut.current) return;
      signingOut.current = true;
      const here = Boolean(options?.confirmed || options?.erased);
      let out = here;
      try {
        if (out) await forgetDevice(serverUrl);
        else {
          // Forgetting a token that still works would cut this device off from its diary.
          const refused = await refusedStoredToken(serverUrl);
          out = refused !== undefined;
          if (refused) await forgetDevice(serverUrl, refused);
        }
        if (out) {
          await forgetRecentDrafts(dayKeyFor(new Date(), dayStartHour ?? 4));
          setIntroNotice(options?.erased ? 'diary-erased' : here ? undefined : 'signed-out-elsewhere');
        }
      } finally {
        if (out) setAttempt((n) => n + 1);
        else signingOut.current = false;
      }
    },
    [serverUrl, dayStartHour],
  );
  useEffect(() => {
    signedOutNow.current = signedOut;
  }, [signedOut]);

  const value = useMemo(
    () =>
      settings && {
        settings,
        language: settings.language,
        strings: strings[settings.language],
        saveSettings,
        connection,
        startupError,
        retryStartup,
        needsIntro,
        introNotice,
        beginDiary,
        signedOut,
      },
    [
      settings,
      connection,
      startupError,
      saveSettings,
      retryStartup,
      needsIntro,
      introNotice,
      beginDiary,
      signedOut,
    ],
  );
  if (!value) return null;
  return (
    <QueryClientProvider client={queryClient}>
      <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
    </QueryClientProvider>
  );
}

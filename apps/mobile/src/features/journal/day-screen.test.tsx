import { fireEvent, render, screen, waitFor } from '@testing-library/react-native';
import { router } from 'expo-router';
import { strings } from '@/i18n/strings';
import {
  answersComeFromTheNetwork,
  newTestSession,
  switchableNetwork,
  WithSession,
} from '../../../test-support/test-session';
import { DayScreen } from './day-screen';

answersComeFromTheNetwork();

jest.mock('expo-router', () => ({
  router: { canGoBack: jest.fn(() => true), back: jest.fn(), replace: jest.fn(), push: jest.fn() },
}));
jest.setTimeout(20_000);

const en = strings.en;

async function sessionWithEntry(day: string, options: Parameters<typeof newTestSession>[0] = {}) {
  const session = await newTestSession(options);
  const client = session.connection?.client;
  if (!client) throw new Error('no client');
  await client.threads.create({
    metadata: { day, kind: 'conversation' },
    messages: [
      { role: 'assistant', content: strings.ko.opening },
      { role: 'user', content: 'We baked bread together.' },
    ],
  });
  await client.threads.create({
    metadata: { day, kind: 'entry', mood: 'joyful' },
    messages: [
      { role: 'user', content: `Day: ${day}\nMe: We baked bread together.` },
      {
        role: 'assistant',
        content: JSON.stringify({ entry: 'We baked bread.', mood: 'joyful', summary: 'Bread day' }),
      },
    ],
  });
  return { session, client };
}

const openDay = (session: Awaited<ReturnType<typeof newTestSession>>, day: string) =>
  render(
    <WithSession session={session}>
      <DayScreen day={day} />
    </WithSession>,
  );

/** The same day's screen, after the app's language was switched to Korean. */
const switchToKorean = (
  view: Awaited<ReturnType<typeof openDay>>,
  session: Awaited<ReturnType<typeof newTestSession>>,
  day: string,
) =>
  view.rerender(
    <WithSession session={{ ...session, language: 'ko', strings: strings.ko }}>
      <DayScreen day={day} />
    </WithSession>,
  );

describe('a day in the Journal', () => {
  it('reads its back button as a plain “Back”, in the app’s language', async () => {
    const session = await newTestSession({ language: 'ko' });
    await openDay(session, '2026-11-11');
    expect(screen.getByRole('button', { name: strings.ko.back })).toBe(screen.getByTestId('back'));
  });

  it('edits the entry on the gateway: a fresh start (another device) reads the edit', async () => {
    const { session, client } = await sessionWithEntry('2026-11-10');
    const view = await openDay(session, '2026-11-10');
    await screen.findByText('We baked bread.', {}, { timeout: 5000 });
    expect(screen.getByText('😊 Joyful')).toBeTruthy();
    expect(screen.getByText(en.opening)).toBeTruthy();
    await fireEvent.press(screen.getByTestId('edit-entry'));
    await fireEvent.changeText(screen.getByTestId('entry-editor'), 'We baked bread, and it burnt a little.');
    await fireEvent.press(screen.getByTestId('mood-grateful'));
    await fireEvent.press(screen.getByTestId('save-entry'));
    await screen.findByText('We baked bread, and it burnt a little.', {}, { timeout: 5000 });
    await view.unmount();

    await openDay(session, '2026-11-10');
    await screen.findByText('We baked bread, and it burnt a little.', {}, { timeout: 5000 });
    expect(screen.getByText('🙏 Grateful')).toBeTruthy();
    const entryThreads = await client.threads.list({ metadata: { day: '2026-11-10', kind: 'entry' } });
    expect(entryThreads.data[0]?.metadata.mood).toBe('grateful');
  });

  it('deletes the day after a confirmation: its threads are gone on the gateway', async () => {
    const { session, client } = await sessionWithEntry('2026-11-11');
    await openDay(session, '2026-11-11');
    await screen.findByText('We baked bread.', {}, { timeout: 5000 });
    await fireEvent.press(screen.getByTestId('delete-day'));
    expect(screen.getByText(en.deleteDayConfirm)).toBeTruthy();
    expect((await client.threads.list({ metadata: { day: '2026-11-11' } })).data).toHaveLength(2);
    await fireEvent.press(screen.getByTestId('confirm-delete-day'));
    await waitFor(() => expect(router.back).toHaveBeenCalled(), { timeout: 5000 });
    expect((await client.threads.list({ metadata: { day: '2026-11-11' } })).data).toEqual([]);
  });

  it('has a way back to the Journal', async () => {
    const { session } = await sessionWithEntry('2026-11-12');
    await openDay(session, '2026-11-12');
    jest.mocked(router.canGoBack).mockReturnValueOnce(false);
    await fireEvent.press(screen.getByTestId('back'));
    expect(router.replace).toHaveBeenCalledWith('/journal');
  });

  it('says why a change failed in the language chosen after it failed', async () => {
    const network = switchableNetwork();
    const { session } = await sessionWithEntry('2026-11-13', { fetch: network.fetch });
    const view = await openDay(session, '2026-11-13');
    await screen.findByText('We baked bread.', {}, { timeout: 5000 });
    network.goOffline();
    await fireEvent.press(screen.getByTestId('delete-day'));
    await fireEvent.press(screen.getByTestId('confirm-delete-day'));
    await screen.findByText(en.errorUnreachable, {}, { timeout: 5000 });
    await waitFor(() => expect(screen.getByTestId('confirm-delete-day')).toBeEnabled());

    await switchToKorean(view, session, '2026-11-13');
    expect(screen.getByText(strings.ko.errorUnreachable)).toBeTruthy();
    expect(screen.queryByText(en.errorUnreachable)).toBeNull();
  });

  it('says there was nothing to write in the language chosen after saying it', async () => {
    const session = await newTestSession();
    const client = session.connection?.client;
    await client?.threads.create({
      metadata: { day: '2026-11-14', kind: 'conversation' },
      messages: [{ role: 'assistant', content: en.opening }],
    });
    const view = await openDay(session, '2026-11-14');
    await fireEvent.press(await screen.findByTestId('write-entry', {}, { timeout: 5000 }));
    await screen.findByText(en.nothingToWrite, {}, { timeout: 5000 });
    await waitFor(() => expect(screen.getByTestId('write-entry')).toBeEnabled());

    await switchToKorean(view, session, '2026-11-14');
    expect(screen.getByText(strings.ko.nothingToWrite)).toBeTruthy();
    expect(screen.queryByText(en.nothingToWrite)).toBeNull();
  });

  it('writes the entry again after writing it failed, as often as it fails, keeping the conversation on screen', async () => {
    const network = switchableNetwork();
    const session = await newTestSession({ fetch: network.fetch });
    await session.connection?.client.threads.create({
      metadata: { day: '2026-11-15', kind: 'conversation' },
      messages: [
        { role: 'assistant', content: en.opening },
        { role: 'user', content: 'We planted tulips by the fence.' },
      ],
    });
    // The diarist's runs are held, to fail or go through when the test says.
    network.holdRequestsTo('POST', /\/runs$/);
    await openDay(session, '2026-11-15');
    await fireEvent.press(await screen.findByTestId('write-entry', {}, { timeout: 5000 }));

    for (const attempt of ['fails', 'fails again', 'goes through']) {
      expect(await screen.findByTestId('entry-writing')).toHaveTextContent(en.writingEntry);
      await waitFor(() => expect(network.waiting()).toBe(1), { timeout: 5000 });
      expect(screen.getByText('We planted tulips by the fence.')).toBeTruthy();
      if (attempt === 'goes through') break;
      network.releaseHeld('fail');
      const problem = await screen.findByTestId('entry-problem-2026-11-15', {}, { timeout: 5000 });
      expect(problem).toHaveTextContent(en.errorUnreachable);
      expect(screen.getByTestId('diary-entry')).toContainElement(problem);
      expect(screen.getByText('We planted tulips by the fence.')).toBeTruthy();
      await fireEvent.press(
        screen.getByRole('button', { name: 'Try the entry for Sunday, November 15, 2026 again' }),
      );
    }
    network.stopHolding();
    network.releaseHeld('answer');
    await screen.findByTestId('edit-entry', {}, { timeout: 10_000 });
    expect(screen.queryByTestId('entry-problem-2026-11-15')).toBeNull();
  });

  it('a day with nothing on the server (deleted, or never written) says so, with nothing to delete', async () => {
    const session = await newTestSession();
    await openDay(session, '2026-11-09');
    await screen.findByTestId('day-empty', {}, { timeout: 5000 });
    expect(screen.getByText(en.dayEmpty)).toBeTruthy();
    expect(screen.queryByTestId('delete-day')).toBeNull();
    expect(screen.queryByText(en.conversation)).toBeNull();
  });
});

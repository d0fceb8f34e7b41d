import { type HaruClient, HaruConnectionError } from '@haru/client';
import { fireEvent, render, screen, waitFor } from '@testing-library/react-native';
import { StyleSheet } from 'react-native';
import { strings } from '@/i18n/strings';
import {
  answersComeFromTheNetwork,
  newTestSession,
  switchableNetwork,
  WithSession,
} from '../../../test-support/test-session';
import { DayScreen } from './day-screen';
import { exportJournal } from './export-journal';
import { readDayEntry, saveEditedEntry } from './journal-api';
import { JournalScreen } from './journal-screen';
import { moodLook } from './moods';

answersComeFromTheNetwork();

jest.mock('./export-journal', () => ({ exportJournal: jest.fn(async () => undefined) }));
jest.setTimeout(20_000);

const en = strings.en;

async function sessionWithPastDay(day: string, said: string, options: { fetch?: typeof fetch } = {}) {
  const session = await newTestSession(options);
  const client = session.connection?.client;
  if (!client) throw new Error('no client');
  await client.threads.create({
    metadata: { day, kind: 'conversation' },
    messages: [
      { role: 'assistant', content: en.opening },
      { role: 'user', content: said },
    ],
  });
  return { session, client };
}

/** A day's entry as the diarist stores it: the transcript it read, then its structured answer. */
function storeEntry(
  client: HaruClient,
  day: string,
  transcript: string,
  diary: { entry: string; mood: string; summary: string },
) {
  return client.threads.create({
    metadata: { day, kind: 'entry', mood: diary.mood },
    messages: [
      { role: 'user', content: transcript },
      { role: 'assistant', content: JSON.stringify(diary) },
    ],
  });
}

describe('Journal', () => {
  beforeEach(() => jest.mocked(exportJournal).mockClear());

  it('lists past days newest first, each with an entry written once when the day has closed', async () => {
    const { session, client } = await sessionWithPastDay(
      '2026-11-20',
      'I was so tired after work, but a walk helped.',
    );
    await client.threads.create({
      metadata: { day: '2026-11-21', kind: 'conversation' },
      messages: [{ role: 'user', content: 'Lunch with a friend was fun.' }],
    });
    const view = await render(
      <WithSession session={session}>
        <JournalScreen />
      </WithSession>,
    );
    await screen.findByText('😴 Tired', {}, { timeout: 10_000 });
    await waitFor(() => expect(screen.getAllByTestId('mood-chip')).toHaveLength(2), { timeout: 10_000 });
    expect(screen.getByText('A tiring day, about work and a walk.')).toBeTruthy();
    const cards = screen.getAllByTestId(/^journal-day-/).map((card) => card.props.testID);
    expect(cards).toEqual(['journal-day-2026-11-21', 'journal-day-2026-11-20']);

    await view.unmount();
    await render(
      <WithSession session={session}>
        <JournalScreen />
      </WithSession>,
    );
    await screen.findByText('😴 Tired');
    const entries = await client.threads.list({ metadata: { kind: 'entry' } });
    expect(entries.data).toHaveLength(2);
    const conversations = await client.messages.list(
      (await client.threads.list({ metadata: { day: '2026-11-20', kind: 'conversation' } })).data[0]?.id ??
        '',
    );
    expect(conversations.data).toHaveLength(2);
  });

  it('writes the entries of many unwritten days, every one, within the gateway’s limit of runs per person', async () => {
    const days = ['2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13', '2026-11-14', '2026-11-15'];
    const { session, client } = await sessionWithPastDay(days[0] ?? '', 'Lunch with a friend was fun.');
    for (const day of days.slice(1)) {
      await client.threads.create({
        metadata: { day, kind: 'conversation' },
        messages: [{ role: 'user', content: 'Lunch with a friend was fun.' }],
      });
    }
    await render(
      <WithSession session={session}>
        <JournalScreen />
      </WithSession>,
    );
    await waitFor(() => expect(screen.getAllByTestId('mood-chip')).toHaveLength(days.length), {
      timeout: 18_000,
    });
    const entries = await client.threads.list({ metadata: { kind: 'entry' } });
    expect(entries.data).toHaveLength(days.length);
  }, 30_000);

  it('counts days in a row past the newest hundred entries', async () => {
    const session = await newTestSession();
    const client = session.connection?.client;
    if (!client) throw new Error('no client');
    const { dayKeyFor, addDays } = jest.requireActual('../days/day-key') as typeof import('../days/day-key');
    const today = dayKeyFor(new Date(), 4);
    for (let back = 120; back >= 2; back--) {
      await client.threads.create({ metadata: { day: addDays(today, -back), kind: 'entry', mood: 'calm' } });
    }
    const yesterday = addDays(today, -1);
    await client.threads.create({
      metadata: { day: yesterday, kind: 'conversation' },
      messages: [{ role: 'user', content: 'A quiet walk.' }],
    });
    await storeEntry(client, yesterday, 'Me: A quiet walk.', {
      entry: 'I took a quiet walk.',
      mood: 'calm',
      summary: 'A calm day.',
    });
    await render(
      <WithSession session={session}>
        <JournalScreen />
      </WithSession>,
    );
    await waitFor(
      () => expect(screen.getByTestId('journal-streak')).toHaveTextContent(/^120 days in a row/),
      {
        timeout: 15_000,
      },
    );
  }, 30_000);

  it('loads past days a page at a time: twenty, then the rest when asked', async () => {
    const session = await newTestSession();
    const client = session.connection?.client;
    if (!client) throw new Error('no client');
    const { dayKeyFor, addDays } = jest.requireActual('../days/day-key') as typeof import('../days/day-key');
    const today = dayKeyFor(new Date(), 4);
    const days = Array.from({ length: 25 }, (_, i) => addDays(today, -25 + i));
    for (const day of days) {
      await client.threads.create({
        metadata: { day, kind: 'conversation' },
        messages: [{ role: 'user', content: `A walk on ${day}.` }],
      });
      await storeEntry(client, day, `Me: A walk on ${day}.`, {
        entry: 'I walked.',
        mood: 'calm',
        summary: day,
      });
    }
    const listed = jest.spyOn(client.threads, 'list');
    await render(
      <WithSession session={session}>
        <JournalScreen />
      </WithSession>,
    );
    const loadMore = await screen.findByTestId('journal-load-more', {}, { timeout: 15_000 });
    const conversationPages = () =>
      listed.mock.calls.filter(([query]) => query?.metadata?.kind === 'conversation');
    expect(conversationPages()).toHaveLength(1);
    expect(conversationPages()[0]?.[0]?.limit).toBe(20);
    await fireEvent.press(loadMore);
    await waitFor(() => expect(screen.queryByTestId('journal-load-more')).toBeNull(), { timeout: 15_000 });
    expect(conversationPages()).toHaveLength(2);
    // The oldest day came with the second page: searching its date finds it now.
    await fireEvent.changeText(screen.getByTestId('journal-search'), days[0]);
    await screen.findByTestId(`journal-day-${days[0]}`, {}, { timeout: 15_000 });
  }, 30_000);

  it('leaves out a past day on which nothing was written', async () => {
    const session = await newTestSession();
    await session.connection?.client.threads.create({
      metadata: { day: '2026-11-18', kind: 'conversation' },
      messages: [{ role: 'assistant', content: en.opening }],
    });
    await render(
      <WithSession session={session}>
        <JournalScreen />
      </WithSession>,
    );
    await waitFor(() => expect(screen.queryByTestId('journal-day-2026-11-18')).toBeNull(), {
      timeout: 10_000,
    });
    await screen.findByText(en.journalEmpty);
    expect((await session.connection?.client.threads.list({ metadata: { kind: 'entry' } }))?.data).toEqual(
      [],
    );
  });

  it('keeps a written entry when a later attempt for the same day was interrupted', async () => {
    const { session, client } = await sessionWithPastDay('2026-11-17', 'We went to the sea.');
    await client.threads.create({
      metadata: { day: '2026-11-17', kind: 'entry' },
      messages: [
        { role: 'user', content: 'Day: 2026-11-17\nMe: We went to the sea.' },
        { role: 'assistant', content: 'The sea was wide and grey today.\n\nMood: free' },
      ],
    });
    await client.threads.create({ metadata: { day: '2026-11-17', kind: 'entry' } });
    await render(
      <WithSession session={session}>
        <JournalScreen />
      </WithSession>,
    );
    await screen.findByText('free', {}, { timeout: 10_000 });
    expect(screen.getByText('The sea was wide and grey today.')).toBeTruthy();
    expect((await client.threads.list({ metadata: { kind: 'entry' } })).data).toHaveLength(2);
  });

  it('says that nothing matches a search, not that there are no days', async () => {
    const { session } = await sessionWithPastDay('2026-11-16', 'We went hiking in the rain.');
    await render(
      <WithSession session={session}>
        <JournalScreen />
      </WithSession>,
    );
    await screen.findByTestId('journal-day-2026-11-16', {}, { timeout: 10_000 });
    await fireEvent.changeText(screen.getByTestId('journal-search'), 'submarine');
    // Said only once the day's conversation was searched too.
    await screen.findByText('No day matches “submarine”.', {}, { timeout: 5000 });
    expect(screen.queryByTestId('journal-searching')).toBeNull();
    expect(screen.queryByText(en.journalEmpty)).toBeNull();
  });

  it('finds a day by what I said to Haru, reading conversations only once I search, a few at a time, once', async () => {
    const network = switchableNetwork();
    const days = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06'];
    const session = await newTestSession({ fetch: network.fetch });
    const client = session.connection?.client;
    if (!client) throw new Error('no client');
    const conversationIds: string[] = [];
    for (const day of days) {
      const said = day === '2026-11-06' ? 'Mina and I went hiking in the rain.' : 'Lunch was fun.';
      const conversation = await client.threads.create({
        metadata: { day, kind: 'conversation' },
        messages: [
          { role: 'assistant', content: en.opening },
          { role: 'user', content: said },
        ],
      });
      conversationIds.push(conversation.id);
      await storeEntry(client, day, `Me: ${said}`, { entry: 'A walk.', mood: 'calm', summary: 'A walk.' });
    }
    const conversationReads = new RegExp(`/threads/(${conversationIds.join('|')})/messages$`);
    await render(
      <WithSession session={session}>
        <JournalScreen />
      </WithSession>,
    );
    await waitFor(() => expect(screen.getAllByTestId('mood-chip')).toHaveLength(days.length), {
      timeout: 10_000,
    });
    expect(network.sent('GET', conversationReads)).toEqual([]);

    network.holdRequestsTo('GET', conversationReads);
    await fireEvent.changeText(screen.getByTestId('journal-search'), 'MINA');
    expect(screen.getByTestId('journal-searching')).toHaveTextContent(en.searchingConversations);
    // Three conversations read at once, then the other three.
    await waitFor(() => expect(network.waiting()).toBe(3), { timeout: 5000 });
    network.releaseHeld('answer');
    await waitFor(() => expect(network.waiting()).toBe(3), { timeout: 5000 });
    network.stopHolding();
    network.releaseHeld('answer');

    const found = await screen.findByTestId('said-2026-11-06', {}, { timeout: 5000 });
    expect(found).toHaveTextContent('In your conversation: “Mina and I went hiking in the rain.”');
    expect(screen.getAllByTestId(/^journal-day-/)).toHaveLength(1);
    expect(screen.getByTestId('journal-day-2026-11-06').props.accessibilityLabel).toMatch(/Mina and I/);
    await waitFor(() => expect(screen.queryByTestId('journal-searching')).toBeNull());
    expect(network.sent('GET', conversationReads)).toHaveLength(days.length);
    expect(network.mostAtOnce('GET', conversationReads)).toBe(3);

    // Words in the entry need no note; what was said is kept for the next search, not read again.
    await fireEvent.changeText(screen.getByTestId('journal-search'), '');
    await fireEvent.changeText(screen.getByTestId('journal-search'), 'walk');
    expect(screen.getAllByTestId(/^journal-day-/)).toHaveLength(days.length);
    expect(screen.queryByTestId('said-2026-11-06')).toBeNull();
    await fireEvent.changeText(screen.getByTestId('journal-search'), 'rain walk');
    expect(screen.getByTestId('said-2026-11-06')).toHaveTextContent(/hiking in the rain/);
    expect(network.sent('GET', conversationReads)).toHaveLength(days.length);
  }, 30_000);

  it('offers “Try again” on a day whose entry could not be written, as often as it fails, and keeps the other days', async () => {
    const network = switchableNetwork();
    const { session, client } = await sessionWithPastDay('2026-11-08', 'We went hiking in the rain.', {
      fetch: network.fetch,
    });
    await client.threads.create({
      metadata: { day: '2026-11-07', kind: 'conversation' },
      messages: [{ role: 'user', content: 'A quiet walk.' }],
    });
    await storeEntry(client, '2026-11-07', 'Me: A quiet walk.', {
      entry: 'I took a quiet walk.',
      mood: 'calm',
      summary: 'A calm day.',
    });
    // The diarist's runs are held, to fail or go through when the test says.
    network.holdRequestsTo('POST', /\/runs$/);
    await render(
      <WithSession session={session}>
        <JournalScreen />
      </WithSession>,
    );
    await waitFor(() => expect(network.waiting()).toBe(1), { timeout: 10_000 });
    network.releaseHeld('fail');
    const retry = await screen.findByRole(
      'button',
      { name: 'Try the entry for Sunday, November 8, 2026 again' },
      { timeout: 5000 },
    );
    expect(retry).toHaveTextContent(en.entryTryAgain);
    expect(screen.getByTestId('entry-problem-2026-11-08')).toHaveTextContent(en.errorUnreachable);

    for (const attempt of ['fails again', 'goes through']) {
      await fireEvent.press(screen.getByTestId('retry-entry-2026-11-08'));
      await waitFor(() => expect(network.waiting()).toBe(1), { timeout: 5000 });
      await waitFor(() =>
        expect(screen.getByTestId('journal-day-2026-11-08')).toHaveTextContent(/Writing the entry…$/),
      );
      expect(screen.queryByTestId('retry-entry-2026-11-08')).toBeNull();
      // The rest of the Journal stays while it tries.
      expect(screen.getByText('A calm day.')).toBeTruthy();
      expect(screen.getByTestId('journal-search')).toBeTruthy();
      if (attempt === 'fails again') {
        network.releaseHeld('fail');
        await screen.findByTestId('retry-entry-2026-11-08', {}, { timeout: 5000 });
        expect(screen.getByTestId('entry-problem-2026-11-08')).toHaveTextContent(en.errorUnreachable);
      } else {
        network.stopHolding();
        network.releaseHeld('answer');
      }
    }
    await waitFor(() => expect(screen.getAllByTestId('mood-chip')).toHaveLength(2), { timeout: 10_000 });
    expect(screen.queryByTestId('entry-problem-2026-11-08')).toBeNull();
    expect(screen.queryByTestId('retry-entry-2026-11-08')).toBeNull();
  }, 30_000);

  it('keeps a day whose entry failed in the Journal after its page was opened and found no entry', async () => {
    const network = switchableNetwork();
    const { session } = await sessionWithPastDay('2026-11-08', 'We went hiking in the rain.', {
      fetch: network.fetch,
    });
    network.holdRequestsTo('POST', /\/runs$/);
    const view = await render(
      <WithSession session={session}>
        <JournalScreen />
      </WithSession>,
    );
    await waitFor(() => expect(network.waiting()).toBe(1), { timeout: 10_000 });
    network.releaseHeld('fail');
    await screen.findByTestId('retry-entry-2026-11-08', {}, { timeout: 5000 });
    network.stopHolding();

    await view.rerender(
      <WithSession session={session}>
        <JournalScreen />
        <DayScreen day="2026-11-08" />
      </WithSession>,
    );
    await screen.findByText(en.noEntryYet, {}, { timeout: 5000 });
    expect(screen.getByTestId('journal-day-2026-11-08')).toBeTruthy();
    expect(screen.getByTestId('retry-entry-2026-11-08')).toBeTruthy();
  });

  it('shows why it cannot open when the server cannot be reached, with Retry, instead of waiting forever', async () => {
    const session = await newTestSession();
    const retryStartup = jest.fn();
    await render(
      <WithSession
        session={{
          ...session,
          connection: undefined,
          startupError: new HaruConnectionError('Could not reach http://nowhere.invalid'),
          retryStartup,
        }}
      >
        <JournalScreen />
      </WithSession>,
    );
    expect(screen.getByText(en.errorUnreachable)).toBeTruthy();
    expect(screen.queryByText(en.connecting)).toBeNull();
    await fireEvent.press(screen.getByTestId('status-retry'));
    expect(retryStartup).toHaveBeenCalled();
  });

  it('reads the diarist’s structured entries and shows their mood in the app’s language, with colour and emoji', async () => {
    const { session, client } = await sessionWithPastDay('2026-11-15', '친구랑 싸워서 속상했어.');
    await storeEntry(client, '2026-11-15', '날짜: 2026-11-15\n나: 친구랑 싸워서 속상했어.', {
      entry: '친구와 다퉈서 마음이 무거운 하루였다.',
      mood: 'sad',
      summary: '친구와 다툰 날',
    });
    const korean = { ...session, language: 'ko' as const, strings: strings.ko };
    await render(
      <WithSession session={korean}>
        <JournalScreen />
      </WithSession>,
    );
    await screen.findByText('😢 슬픔', {}, { timeout: 10_000 });
    // Each mood has its own colour: the chip is drawn in sadness's, not a neutral grey.
    const chips = screen.getAllByTestId('mood-chip');
    expect(chips.length).toBeGreaterThan(0);
    for (const chip of chips)
      expect(StyleSheet.flatten(chip.props.style).backgroundColor).toBe(moodLook('sad', 'ko').colour.light);
    expect(screen.getByText('친구와 다툰 날')).toBeTruthy();
    expect(screen.queryByText(/"mood"/)).toBeNull();
  });

  it('shows my edited words on the day’s card, not the diarist’s summary of its own version', async () => {
    const { session, client } = await sessionWithPastDay('2026-11-14', 'We baked bread together.');
    await storeEntry(client, '2026-11-14', 'Day: 2026-11-14\nMe: We baked bread together.', {
      entry: 'We baked bread.',
      mood: 'joyful',
      summary: 'A joyful bread day',
    });
    const stored = await readDayEntry(client, '2026-11-14');
    if (!stored) throw new Error('no entry');
    await saveEditedEntry(client, {
      ...stored,
      text: 'The bread burnt and I felt low.\n\nStill, we laughed.',
      mood: 'sad',
    });
    await render(
      <WithSession session={session}>
        <JournalScreen />
      </WithSession>,
    );
    const card = await screen.findByTestId('journal-day-2026-11-14', {}, { timeout: 10_000 });
    await screen.findByText('😢 Sad');
    expect(screen.getByText('The bread burnt and I felt low.')).toBeTruthy();
    expect(screen.queryByText('A joyful bread day')).toBeNull();
    expect(card.props.accessibilityLabel).not.toMatch(/bread day/);
  });

  it('leaves out the diarist’s old summary on an edit stored before edits dropped it', async () => {
    const { session, client } = await sessionWithPastDay('2026-11-13', 'A quiet day at home.');
    const entry = await client.threads.create({
      metadata: { day: '2026-11-13', kind: 'entry', mood: 'proud' },
      messages: [
        { role: 'user', content: 'Day: 2026-11-13\nMe: A quiet day at home.' },
        {
          role: 'assistant',
          content: JSON.stringify({ entry: 'I stayed home.', mood: 'calm', summary: 'A calm day at home' }),
        },
      ],
    });
    await client.messages.create(entry.id, {
      role: 'assistant',
      content: JSON.stringify({
        entry: 'I finished the shelf I had started.',
        mood: 'proud',
        summary: 'A calm day at home',
      }),
      metadata: { haru_edit: 'person' },
    });
    await render(
      <WithSession session={session}>
        <JournalScreen />
      </WithSession>,
    );
    await screen.findByText('I finished the shelf I had started.', {}, { timeout: 10_000 });
    expect(screen.queryByText('A calm day at home')).toBeNull();
  });

  it('says why an export failed, in the app’s language, and exports once the server is back', async () => {
    const network = switchableNetwork();
    const { session } = await sessionWithPastDay('2026-11-12', 'We planted tulips.', {
      fetch: network.fetch,
    });
    await render(
      <WithSession session={{ ...session, language: 'ko', strings: strings.ko }}>
        <JournalScreen />
      </WithSession>,
    );
    await screen.findByTestId('journal-day-2026-11-12', {}, { timeout: 10_000 });
    await waitFor(() => expect(screen.getByTestId('export-markdown')).toBeEnabled(), { timeout: 10_000 });

    network.goOffline();
    await fireEvent.press(screen.getByTestId('export-markdown'));
    expect(await screen.findByTestId('export-problem')).toHaveTextContent(strings.ko.errorUnreachable);
    expect(exportJournal).not.toHaveBeenCalled();

    network.goOnline();
    await fireEvent.press(screen.getByTestId('export-markdown'));
    await waitFor(() => expect(exportJournal).toHaveBeenCalledTimes(1));
    expect(screen.queryByTestId('export-problem')).toBeNull();
  });

  it('shows an empty journal kindly', async () => {
    await render(
      <WithSession session={await newTestSession()}>
        <JournalScreen />
      </WithSession>,
    );
    await screen.findByText(en.journalEmpty);
    expect(screen.getByTestId('export-markdown')).toBeDisabled();
  });

  it('searches entries and exports them all as Markdown or JSON', async () => {
    const { session } = await sessionWithPastDay('2026-11-19', 'We cooked dinner with my family.');
    await render(
      <WithSession session={session}>
        <JournalScreen />
      </WithSession>,
    );
    await screen.findByText('😌 Calm', {}, { timeout: 10_000 });
    await fireEvent.changeText(screen.getByTestId('journal-search'), 'nothing like this');
    expect(screen.queryByTestId('journal-day-2026-11-19')).toBeNull();
    await fireEvent.changeText(screen.getByTestId('journal-search'), 'FAMILY');
    expect(screen.getByTestId('journal-day-2026-11-19')).toBeTruthy();

    await fireEvent.press(screen.getByTestId('export-markdown'));
    await waitFor(() => expect(exportJournal).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(screen.getByTestId('export-json')).toBeEnabled());
    await fireEvent.press(screen.getByTestId('export-json'));
    await waitFor(() => expect(exportJournal).toHaveBeenCalledTimes(2));
    const [markdownCall, jsonCall] = jest.mocked(exportJournal).mock.calls;
    expect(markdownCall?.[0]).toBe('haru-journal.md');
    expect(markdownCall?.[1]).toMatch(/## Thursday, November 19, 2026\n\nFamily was part of my day\./);
    expect(jsonCall?.[0]).toBe('haru-journal.json');
    expect(JSON.parse(jsonCall?.[1] ?? '{}').entries[0]).toMatchObject({ day: '2026-11-19', mood: 'calm' });
  });
});

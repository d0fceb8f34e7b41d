import { act, fireEvent, render, screen, waitFor } from '@testing-library/react-native';
import { strings } from '@/i18n/strings';
import { newTestSession, WithSession } from '../../../test-support/test-session';
import { keyValueStorage } from '../session/key-value-storage';
import type { ChatRow } from './chat-row';
import { offlineCompanion } from './offline-companion';
import { OfflineCompanionNotice } from './offline-companion-notice';

jest.mock('../session/key-value-storage', () =>
  require('../../../test-support/memory-key-value-storage').memoryKeyValueStorage(),
);

const reply = (generatedBy: string): ChatRow => ({
  key: 'msg_1',
  role: 'assistant',
  text: 'Thank you for telling me.',
  status: 'done',
  at: 1,
  generatedBy,
});

describe('the offline companion note', () => {
  it('says once, kindly, that replies come from the built-in companion and how to connect a model', async () => {
    const session = await newTestSession();
    const connection = session.connection;
    if (!connection) throw new Error('no connection');
    const view = await render(
      <WithSession session={session}>
        <OfflineCompanionNotice connection={connection} rows={[reply(offlineCompanion)]} />
      </WithSession>,
    );
    await screen.findByText(strings.en.offlineCompanion);
    await fireEvent.press(screen.getByTestId('offline-companion-dismiss'));
    expect(screen.queryByTestId('offline-companion-notice')).toBeNull();
    expect(keyValueStorage.set).toHaveBeenCalled();
    await view.unmount();

    await render(
      <WithSession session={session}>
        <OfflineCompanionNotice connection={connection} rows={[reply(offlineCompanion)]} />
      </WithSession>,
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(screen.queryByTestId('offline-companion-notice')).toBeNull();
  });

  it('stays away while a real model answers, and comes once the built-in companion does', async () => {
    await keyValueStorage.remove('haru.offline-companion-notice-seen');
    const session = await newTestSession();
    const connection = session.connection;
    if (!connection) throw new Error('no connection');
    // The test gateway itself runs the built-in companion; this one has a model connected.
    const listed = jest.spyOn(connection.client.models, 'list').mockResolvedValue({
      object: 'list',
      data: [{ id: 'gpt-4o-mini', object: 'model', created: 0, owned_by: 'openai' }],
    });
    const view = await render(
      <WithSession session={session}>
        <OfflineCompanionNotice connection={connection} rows={[reply('openai:gpt-4o-mini')]} />
      </WithSession>,
    );
    await waitFor(() => expect(listed).toHaveBeenCalled());
    // The list has arrived and been handed to the notice (React Query delivers on a timer of its own).
    await act(async () => {
      await listed.mock.results[0]?.value;
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(screen.queryByTestId('offline-companion-notice')).toBeNull();

    await view.rerender(
      <WithSession session={session}>
        <OfflineCompanionNotice
          connection={connection}
          rows={[reply('openai:gpt-4o-mini'), { ...reply(offlineCompanion), key: 'msg_2' }]}
        />
      </WithSession>,
    );
    await screen.findByText(strings.en.offlineCompanion);
  });
});

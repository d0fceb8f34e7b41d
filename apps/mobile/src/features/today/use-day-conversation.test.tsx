import { act, renderHook, waitFor } from '@testing-library/react-native';
import type { ReactNode } from 'react';
import { newTestSession, WithSession } from '../../../test-support/test-session';
import { useDayConversation } from './use-day-conversation';

jest.setTimeout(20_000);

describe('useDayConversation', () => {
  it('takes one message at a time: a second send before the first is answered is refused, not lost', async () => {
    const session = await newTestSession();
    const connection = session.connection;
    if (!connection) throw new Error('no connection');
    const wrapper = ({ children }: { children: ReactNode }) => (
      <WithSession session={session}>{children}</WithSession>
    );
    const { result } = await renderHook(() => useDayConversation(connection, '2026-11-25'), { wrapper });
    await waitFor(() => expect(result.current.load.phase).toBe('ready'));

    await act(async () => {
      result.current.setDraft('And a second thing, sent too soon.');
      void result.current.send('The first thing that happened today.');
      void result.current.send('And a second thing, sent too soon.');
    });
    await waitFor(() => expect(result.current.rows.at(-1)?.status).toBe('done'), { timeout: 10_000 });

    const mine = result.current.rows.filter((row) => row.role === 'user').map((row) => row.text);
    expect(mine).toEqual(['The first thing that happened today.']);
    expect(result.current.draft).toBe('And a second thing, sent too soon.');
    expect(result.current.rows.filter((row) => row.status === 'error' || row.status === 'streaming')).toEqual(
      [],
    );
  });
});

import { createHaruClient } from '@haru/client';
import { fireEvent, render, screen, waitFor } from '@testing-library/react-native';
import { fetch as nodeFetch } from 'undici';
import { strings } from '@/i18n/strings';
import { gatewayUrl, newTestSession, WithSession } from '../../../test-support/test-session';
import { DevicesSection } from './devices-section';

jest.setTimeout(20_000);
const en = strings.en;

describe('devices in Settings', () => {
  it('makes a link code another device joins with, lists it, and signs it out', async () => {
    const session = await newTestSession();
    const connection = session.connection;
    if (!connection) throw new Error('no connection');
    await render(
      <WithSession session={session}>
        <DevicesSection connection={connection} />
      </WithSession>,
    );
    await screen.findByText(en.thisDevice);
    // Each phrase stays on one line; only the gap between them may break.
    const dates = [screen.getByTestId('dates-in-use').props.children].flat().join('');
    expect(dates).toMatch(/^Added\u00a0\S+\u00a0\d+ · last\u00a0used\u00a0\S+\u00a0\d+$/);
    await fireEvent.press(screen.getByTestId('add-device'));
    const code = String((await screen.findByTestId('link-code')).props.children);
    expect(screen.getByTestId('link-qr')).toBeTruthy();

    const laptop = createHaruClient({ baseURL: gatewayUrl(), fetch: nodeFetch as unknown as typeof fetch });
    const linked = await laptop.auth.linkDevice(code, { name: 'Firefox on Linux' });
    const phoneUser = (await connection.client.threads.create({ metadata: { day: '2026-11-01' } })).id;
    const asLaptop = createHaruClient({
      baseURL: gatewayUrl(),
      token: linked.token,
      fetch: nodeFetch as unknown as typeof fetch,
    });
    expect((await asLaptop.threads.retrieve(phoneUser)).id).toBe(phoneUser);

    // The screen still open: the new device appears, and the spent code goes away.
    // Each device by its name, so the person can tell which to sign out.
    await screen.findByText('Firefox on Linux', {}, { timeout: 10_000 });
    await waitFor(() => expect(screen.queryByTestId('link-code')).toBeNull());
    const other = (await connection.client.auth.listDevices()).data.find((device) => !device.current);
    await fireEvent.press(screen.getByTestId(`sign-out-${other?.id}`));
    expect(screen.getByTestId('sign-out-warning').props.children).toBe(en.signOutOtherConfirm);
    await fireEvent.press(screen.getByTestId('confirm-sign-out'));
    await waitFor(() => expect(screen.queryByText('Firefox on Linux')).toBeNull());
    await expect(asLaptop.threads.retrieve(phoneUser)).rejects.toMatchObject({ status: 401 });
  });

  it('asks before signing out, and warns plainly when this is the only device with the diary', async () => {
    const session = await newTestSession();
    const connection = session.connection;
    if (!connection) throw new Error('no connection');
    await render(
      <WithSession session={session}>
        <DevicesSection connection={connection} />
      </WithSession>,
    );
    await screen.findByText(en.thisDevice);
    const [only] = (await connection.client.auth.listDevices()).data;
    await fireEvent.press(screen.getByTestId(`sign-out-${only?.id}`));
    expect(screen.getByTestId('sign-out-warning').props.children).toBe(en.signOutLastConfirm);
    expect(screen.getByText(en.signOutAnyway)).toBeTruthy();
    await fireEvent.press(screen.getByText(en.cancel));
    expect(screen.queryByTestId('sign-out-warning')).toBeNull();
    expect((await connection.client.auth.listDevices()).data).toHaveLength(1);
  });
});

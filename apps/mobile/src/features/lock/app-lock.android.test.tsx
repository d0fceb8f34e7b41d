import { render } from '@testing-library/react-native';
import { allowScreenCaptureAsync, preventScreenCaptureAsync } from 'expo-screen-capture';
import { Text } from 'react-native';
import { newTestSession, WithSession } from '../../../test-support/test-session';
import { AppLock } from './app-lock';

jest.mock('./keep-out-of-app-switcher', () => jest.requireActual('./keep-out-of-app-switcher.android'));
jest.mock('expo-screen-capture', () => ({
  preventScreenCaptureAsync: jest.fn(async () => undefined),
  allowScreenCaptureAsync: jest.fn(async () => undefined),
}));
jest.mock('expo-local-authentication', () => ({
  authenticateAsync: jest.fn(async () => ({ success: true })),
  getEnrolledLevelAsync: jest.fn(async () => 3),
}));

function appWithLock(session: Awaited<ReturnType<typeof newTestSession>>, lockAfterMinutes: 5 | null) {
  return (
    <WithSession session={{ ...session, settings: { ...session.settings, lockAfterMinutes } }}>
      <AppLock>
        <Text>My diary</Text>
      </AppLock>
    </WithSession>
  );
}

// Android may take the app switcher's picture before the app hears it left: the cover alone can be late.
describe('the app lock on Android', () => {
  beforeEach(() => jest.clearAllMocks());

  it('keeps Haru out of the app switcher and screenshots while the lock is on, and only then', async () => {
    const session = await newTestSession();
    const view = await render(appWithLock(session, null));
    expect(preventScreenCaptureAsync).not.toHaveBeenCalled();

    await view.rerender(appWithLock(session, 5));
    expect(preventScreenCaptureAsync).toHaveBeenCalledTimes(1);
    expect(allowScreenCaptureAsync).not.toHaveBeenCalled();

    await view.rerender(appWithLock(session, null));
    expect(allowScreenCaptureAsync).toHaveBeenCalledWith(
      jest.mocked(preventScreenCaptureAsync).mock.calls[0]?.[0],
    );
  });
});

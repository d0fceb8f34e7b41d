import { act, fireEvent, isHiddenFromAccessibility, render, screen } from '@testing-library/react-native';
import * as LocalAuthentication from 'expo-local-authentication';
import { useState } from 'react';
import { AppState, Text, TextInput } from 'react-native';
import { newTestSession, WithSession } from '../../../test-support/test-session';
import { AppLock } from './app-lock';

jest.mock('expo-local-authentication', () => ({
  authenticateAsync: jest.fn(async () => ({ success: true })),
  getEnrolledLevelAsync: jest.fn(async () => 2),
}));

type Listener = (state: string) => void;
const listeners: Listener[] = [];
jest.spyOn(AppState, 'addEventListener').mockImplementation((_type, listener) => {
  listeners.push(listener as Listener);
  return { remove: () => listeners.splice(listeners.indexOf(listener as Listener), 1) } as never;
});
const moveTo = (state: string) =>
  act(() => {
    for (const listener of listeners) listener(state);
  });

async function lockAfterOneMinute() {
  const session = await newTestSession();
  await render(
    <WithSession session={{ ...session, settings: { ...session.settings, lockAfterMinutes: 1 } }}>
      <AppLock>
        <Text>My diary</Text>
      </AppLock>
    </WithSession>,
  );
}

/** The diary's text, whether or not a screen reader may reach it. */
const diary = () => screen.getByText('My diary', { includeHiddenElements: true });

/** A half-written message: its words live only in the component's state. */
function HalfWritten() {
  const [text, setText] = useState('');
  return <TextInput value={text} onChangeText={setText} testID="half-written" />;
}

describe('the app lock', () => {
  let now = 0;
  beforeEach(() => {
    now = Date.parse('2026-11-25T21:00:00');
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.mocked(Date.now).mockRestore());

  it('asks to be unlocked at launch, then shows the diary', async () => {
    await lockAfterOneMinute();
    expect(isHiddenFromAccessibility(diary())).toBe(true);
    await fireEvent.press(screen.getByTestId('unlock'));
    expect(LocalAuthentication.authenticateAsync).toHaveBeenCalled();
    await screen.findByText('My diary');
  });

  it('hides the diary in the app switcher, and locks again only after the chosen time away', async () => {
    await lockAfterOneMinute();
    await fireEvent.press(screen.getByTestId('unlock'));
    await screen.findByText('My diary');

    await moveTo('inactive');
    expect(screen.getByTestId('app-lock')).toBeTruthy();
    expect(isHiddenFromAccessibility(diary())).toBe(true);
    await moveTo('active');
    expect(screen.queryByTestId('app-lock')).toBeNull();
    expect(isHiddenFromAccessibility(diary())).toBe(false);

    await moveTo('background');
    now += 30_000;
    await moveTo('active');
    expect(screen.getByText('My diary')).toBeTruthy();

    await moveTo('background');
    now += 90_000;
    await moveTo('active');
    expect(isHiddenFromAccessibility(diary())).toBe(true);
    expect(screen.getByTestId('unlock')).toBeTruthy();
  });

  it('keeps what is on screen, such as a half-written message, while Control Center or the app switcher covers it', async () => {
    await render(
      <WithSession session={await newTestSession()}>
        <AppLock>
          <HalfWritten />
        </AppLock>
      </WithSession>,
    );
    await fireEvent.changeText(screen.getByTestId('half-written'), 'Today I went to the');

    await moveTo('inactive');
    expect(screen.getByTestId('app-lock')).toBeTruthy();
    await moveTo('active');

    expect(screen.queryByTestId('app-lock')).toBeNull();
    expect(screen.getByTestId('half-written').props.value).toBe('Today I went to the');
  });
});

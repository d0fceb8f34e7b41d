import { keyValueStorage } from '../session/key-value-storage';
import { draftTakingOver, joinDrafts, keepDraft } from './day-drafts';

jest.mock('../session/key-value-storage', () =>
  require('../../../test-support/memory-key-value-storage').memoryKeyValueStorage(),
);

describe('a day’s draft', () => {
  it('takes over the unsent draft of the day before, once', async () => {
    void keepDraft('2026-11-25', 'Typed just before four');
    expect(await draftTakingOver('2026-11-26', '2026-11-25')).toBe('Typed just before four');
    expect(await keyValueStorage.get('haru.draft.2026-11-25')).toBeNull();
    expect(await keyValueStorage.get('haru.draft.2026-11-26')).toBe('Typed just before four');

    expect(await draftTakingOver('2026-11-26', '2026-11-25')).toBe('Typed just before four');
  });

  it('does not repeat a draft the day already has', async () => {
    await keepDraft('2026-11-20', 'Already here');
    await keepDraft('2026-11-21', 'Already here, and more');
    await keepDraft('2026-11-20', 'Already here');
    expect(await draftTakingOver('2026-11-21', '2026-11-20')).toBe('Already here, and more');
    expect(await keyValueStorage.get('haru.draft.2026-11-20')).toBeNull();
  });

  it('puts the carried words ahead of the day’s own', () => {
    expect(joinDrafts('From last night', 'This morning')).toBe('From last night\nThis morning');
    expect(joinDrafts('', 'This morning')).toBe('This morning');
    expect(joinDrafts('From last night', '')).toBe('From last night');
  });
});

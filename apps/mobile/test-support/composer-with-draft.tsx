import { useState } from 'react';
import { Composer } from '@/features/today/composer';
import { strings } from '@/i18n/strings';

/** The composer as Today holds it: its draft in state, so typing and sending behave as in the app. */
export function ComposerWithDraft({
  onSend,
  replying = false,
}: {
  onSend: (text: string) => void;
  replying?: boolean;
}) {
  const [draft, setDraft] = useState('');
  return (
    <Composer
      draft={draft}
      onChangeDraft={setDraft}
      onSend={onSend}
      onStop={() => undefined}
      replying={replying}
      disabled={false}
      onRetrySend={() => undefined}
      strings={strings.en}
    />
  );
}

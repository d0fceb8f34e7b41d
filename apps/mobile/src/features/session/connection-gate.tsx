import type { ReactNode } from 'react';
import { StatusNotice } from '@/components/ui/status-notice';
import { type Connection, useHaruSession } from './haru-session';
import { describeProblem } from './problems';

/** A screen's content once the device is connected; until then that it is opening, or why it cannot. */
export function ConnectionGate({ children }: { children: (connection: Connection) => ReactNode }) {
  const { connection, startupError, retryStartup, strings } = useHaruSession();
  if (connection) return children(connection);
  if (!startupError) return <StatusNotice message={strings.connecting} />;
  return (
    <StatusNotice
      message={describeProblem(startupError, undefined, strings).message}
      retry={{ label: strings.retry, onPress: retryStartup }}
    />
  );
}

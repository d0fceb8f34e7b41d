import { HaruApiError } from '@haru/client';
import { QueryClient } from '@tanstack/react-query';
import { cachesReportingSignOut } from './signed-out';

describe('finding out that this device was signed out', () => {
  it('reports a 401 from any query or mutation, and nothing else', async () => {
    const onSignedOut = jest.fn();
    const queryClient = new QueryClient({
      ...cachesReportingSignOut(onSignedOut),
      defaultOptions: { queries: { retry: false } },
    });
    const failWith = (status: number) => () => Promise.reject(new HaruApiError(status, {}));

    await queryClient.fetchQuery({ queryKey: ['busy'], queryFn: failWith(500) }).catch(() => undefined);
    expect(onSignedOut).not.toHaveBeenCalled();

    await queryClient.fetchQuery({ queryKey: ['days'], queryFn: failWith(401) }).catch(() => undefined);
    expect(onSignedOut).toHaveBeenCalledTimes(1);

    const save = queryClient.getMutationCache().build(queryClient, { mutationFn: failWith(401) });
    await save.execute(undefined).catch(() => undefined);
    expect(onSignedOut).toHaveBeenCalledTimes(2);
  });
});

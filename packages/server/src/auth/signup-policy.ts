/** Who may register a device as a new user. Linking another device to an existing user is always allowed. */
export const signupPolicies = ['open', 'invite', 'closed'] as const;

export type SignupPolicy = (typeof signupPolicies)[number];

/**
 * Open while only this machine can reach the gateway; a gateway on the network is closed to strangers,
 * and so is one behind a reverse proxy (`behindProxy`), which listens on loopback for the whole internet.
 */
export function defaultSignupPolicy(host: string, behindProxy = false): SignupPolicy {
  return isLoopback(host) && !behindProxy ? 'open' : 'invite';
}

function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare) || bare === '::ffff:127.0.0.1'
  );
}

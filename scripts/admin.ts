/**
 * `npm run admin -- <command>`: the owner's admin API for those without curl. Talks to the gateway at
 * HARU_URL (http://127.0.0.1:8787 by default) with HARU_ADMIN_KEY.
 *
 *   invite [--uses N] [--days D]   make an invite code
 *   users                          list users, their devices, last use and today's tokens
 *   revoke USER_ID                 sign out every device of a user
 */
import { parseArgs } from 'node:util';

const usage = `Usage: npm run admin -- <command>
  invite [--uses N] [--days D]   make an invite code (one use, a week, unless said otherwise)
  users                          list users
  revoke USER_ID                 sign out every device of a user
Set HARU_ADMIN_KEY (as the gateway has it) and, for a gateway elsewhere, HARU_URL.`;

function parsed() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { uses: { type: 'string' }, days: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    // An unknown option, or one missing its value: what went wrong, then how to ask.
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(1);
  }
}
const { values, positionals } = parsed();
const [command, argument] = positionals;
const baseURL = (process.env.HARU_URL ?? 'http://127.0.0.1:8787').replace(/\/$/, '');
const key = process.env.HARU_ADMIN_KEY;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${baseURL}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  } catch {
    fail(`No Haru gateway answered at ${baseURL}. Start it, or set HARU_URL.`);
  }
  const answer = (await response.json()) as T & { error?: { message: string } };
  if (!response.ok)
    fail(`The gateway answered ${response.status}: ${answer.error?.message ?? 'no reason given'}`);
  return answer;
}

const count = (text: string | undefined, name: string) => {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) fail(`--${name} takes a whole number of at least 1.`);
  return value;
};
const when = (seconds: number | null) =>
  seconds === null ? 'never' : new Date(seconds * 1000).toISOString();

if (values.help || command === 'help') {
  console.log(usage);
  process.exit(0);
}
if (!command || !['invite', 'users', 'revoke'].includes(command)) fail(usage);
if (!key) fail('Set HARU_ADMIN_KEY to the key the gateway was started with.');

if (command === 'invite') {
  const days = count(values.days, 'days');
  const invite = await call<{ code: string; expires_at: number; uses: number }>('POST', '/admin/invites', {
    uses: count(values.uses, 'uses') ?? 1,
    ...(days !== undefined && { expires_in: days * 86_400 }),
  });
  console.log(
    `${invite.code}   (${invite.uses} use${invite.uses === 1 ? '' : 's'}, until ${when(invite.expires_at)})`,
  );
} else if (command === 'users') {
  const { data } = await call<{
    data: Array<{
      id: string;
      created_at: number;
      last_seen_at: number | null;
      token_count: number;
      usage: { tokens_today: number };
    }>;
  }>('GET', '/admin/users');
  if (data.length === 0) console.log('No users yet.');
  for (const user of data) {
    console.log(
      `${user.id}  created ${when(user.created_at)}  last seen ${when(user.last_seen_at)}  devices ${user.token_count}  tokens today ${user.usage.tokens_today}`,
    );
  }
} else {
  if (!argument) fail('Usage: npm run admin -- revoke USER_ID');
  const result = await call<{ revoked_tokens: number }>(
    'POST',
    `/admin/users/${encodeURIComponent(argument)}/revoke`,
  );
  console.log(
    `Signed out ${result.revoked_tokens} device${result.revoked_tokens === 1 ? '' : 's'} of ${argument}.`,
  );
}

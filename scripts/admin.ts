/**
 * `npm run admin -- <command>`: the owner's admin API for those without curl. Talks to the gateway at
 * HARU_URL (http://127.0.0.1:8787 by default) with HARU_ADMIN_KEY.
 *
 *   invite [--uses N] [--days D]   make an invite code
 *   invites                        list invites that still work or were used this week
 *   revoke-invite INVITE_ID        stop an invite's code from working
 *   users                          list users, their devices, last use and today's tokens
 *   revoke USER_ID                 sign out every device of a user
 *   delete-user USER_ID [--yes]    erase a user and everything they made
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import type { InviteSummary } from '../packages/server/src/storage/invite-store.ts';

const usage = `Usage: npm run admin -- <command>
  invite [--uses N] [--days D]   make an invite code (one use, a week, unless said otherwise)
  invites                        list invites that still work or were used this week
  revoke-invite INVITE_ID        stop an invite's code from working
  users                          list users
  revoke USER_ID                 sign out every device of a user
  delete-user USER_ID [--yes]    erase a user and everything they made (asks first, unless --yes)
Set HARU_ADMIN_KEY (as the gateway has it) and, for a gateway elsewhere, HARU_URL.`;

const commands = ['invite', 'invites', 'revoke-invite', 'users', 'revoke', 'delete-user'];

function parsed() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        uses: { type: 'string' },
        days: { type: 'string' },
        yes: { type: 'boolean', short: 'y' },
        help: { type: 'boolean', short: 'h' },
      },
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
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The command's one argument, or how to give it. */
const idArgument = (name: string) => argument ?? fail(`Usage: npm run admin -- ${command} ${name}`);

/** Asks the owner to type the user's id; true only when they do. */
async function confirmErasing(userId: string): Promise<boolean> {
  process.stdout.write(
    `This erases ${userId} and everything they made, on every device, for good.\nType the user id to go on: `,
  );
  const lines = createInterface({ input: process.stdin });
  const typed = await lines[Symbol.asyncIterator]().next();
  lines.close();
  return !typed.done && typed.value.trim() === userId;
}

if (values.help || command === 'help') {
  console.log(usage);
  process.exit(0);
}
if (!command || !commands.includes(command)) fail(usage);
if (!key) fail('Set HARU_ADMIN_KEY to the key the gateway was started with.');

if (command === 'invite') {
  const days = count(values.days, 'days');
  const invite = await call<{ id: string; code: string; expires_at: number; uses: number }>(
    'POST',
    '/admin/invites',
    {
      uses: count(values.uses, 'uses') ?? 1,
      ...(days !== undefined && { expires_in: days * 86_400 }),
    },
  );
  console.log(
    `${invite.code}   (${plural(invite.uses, 'use')}, until ${when(invite.expires_at)}, id ${invite.id})`,
  );
} else if (command === 'invites') {
  const { data } = await call<{ data: InviteSummary[] }>('GET', '/admin/invites');
  if (data.length === 0) console.log('No invites that still work or were used this week.');
  for (const invite of data) {
    console.log(
      `${invite.id}  created ${when(invite.created_at)}  until ${when(invite.expires_at)}  ${invite.uses_left} of ${plural(invite.uses, 'use')} left  last used ${when(invite.last_used_at)}`,
    );
  }
} else if (command === 'revoke-invite') {
  const inviteId = idArgument('INVITE_ID');
  await call('DELETE', `/admin/invites/${encodeURIComponent(inviteId)}`);
  console.log(`Revoked ${inviteId}: its code no longer works.`);
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
} else if (command === 'revoke') {
  const userId = idArgument('USER_ID');
  const result = await call<{ revoked_tokens: number }>(
    'POST',
    `/admin/users/${encodeURIComponent(userId)}/revoke`,
  );
  console.log(`Signed out ${plural(result.revoked_tokens, 'device')} of ${userId}.`);
} else {
  const userId = idArgument('USER_ID [--yes]');
  if (!values.yes && !(await confirmErasing(userId))) fail(`Nothing erased: that was not ${userId}.`);
  await call('DELETE', `/admin/users/${encodeURIComponent(userId)}`);
  console.log(`Erased ${userId} and everything they made.`);
}

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

type DatabaseModule = typeof import('../../packages/server/src/storage/database.ts');
type StoresModule = typeof import('../../packages/server/src/storage/stores.ts');
type InsertThreadModule = typeof import('../../packages/server/src/storage/insert-thread.ts');
type DeviceTokensModule = typeof import('../../packages/server/src/auth/device-tokens.ts');
type IdsModule = typeof import('../../packages/server/src/ids.ts');

const lines = [
  'I woke up early and watched the rain on the window for a while before making coffee.',
  '오늘은 아침 일찍 일어나서 창밖의 비를 한참 바라보다가 커피를 내렸어요.',
  'Work was busy; the meeting ran long, but we finally agreed on the plan for next month.',
  '점심에는 동료들과 새로 생긴 국수집에 갔는데 생각보다 훨씬 맛있었어요.',
  'That sounds like a full day. What part of it do you want to remember most?',
  '산책하면서 들은 음악이 마음을 편하게 해 줬어요. 내일도 같은 길을 걸어 보고 싶어요.',
];

/** Alternating user and assistant messages of roughly 100 to 300 characters, some in Korean. */
function seedMessage(index: number) {
  const content = Array.from(
    { length: 2 + (Math.floor(index / 2) % 2) },
    (_, line) => lines[(index + line) % lines.length],
  ).join(' ');
  return { role: index % 2 === 0 ? ('user' as const) : ('assistant' as const), content };
}

/**
 * Writes a user and one thread of `messageCount` messages with the storage code of the gateway under
 * test (next to its main.ts), so the rows match its schema; run it before that gateway starts.
 */
export async function seedLongThread(
  gatewayMain: string,
  databaseFile: string,
  messageCount: number,
  threadCount = 1,
) {
  const serverSource = (path: string) => pathToFileURL(join(gatewayMain, '..', path)).href;
  const { openDatabase } = (await import(serverSource('storage/database.ts'))) as DatabaseModule;
  const { inTransaction, storesFor } = (await import(serverSource('storage/stores.ts'))) as StoresModule;
  const { insertThread } = (await import(serverSource('storage/insert-thread.ts'))) as InsertThreadModule;
  const { hashToken, newDeviceToken } = (await import(
    serverSource('auth/device-tokens.ts')
  )) as DeviceTokensModule;
  const { newId, nowSeconds } = (await import(serverSource('ids.ts'))) as IdsModule;

  const db = await openDatabase(`sqlite:${databaseFile}`);
  try {
    const token = newDeviceToken();
    const userId = newId('user');
    const stores = storesFor(db);
    await stores.users.insert({ id: userId, tokenHash: hashToken(token), createdAt: nowSeconds() });
    // Gateways with devices keep tokens there; older checkouts find the token in `users` above.
    if ('devices' in stores) {
      await stores.devices.insert({
        id: newId('device'),
        userId,
        tokenHash: hashToken(token),
        createdAt: nowSeconds(),
      });
    }
    const messages = Array.from({ length: messageCount }, (_, index) => seedMessage(index));
    const threadIds: string[] = [];
    for (let i = 0; i < threadCount; i++) {
      threadIds.push((await inTransaction(db, (tx) => insertThread(tx, userId, { messages }))).id);
    }
    return { token, threadId: threadIds[0] as string, threadIds };
  } finally {
    await db.destroy();
  }
}

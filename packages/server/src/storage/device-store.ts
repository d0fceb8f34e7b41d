import type { Kysely } from 'kysely';
import { runPrecompiled } from './precompiled.ts';
import type { Tables } from './tables.ts';
import type { QuotaOverrides } from './user-store.ts';

/** Who a bearer token speaks for: its device, that device's user, and the user's quota overrides. */
export interface SignedInDevice extends QuotaOverrides {
  deviceId: string;
  userId: string;
  lastUsedAt: number | null;
}

export interface DeviceRow {
  id: string;
  name: string | null;
  created_at: number;
  last_used_at: number | null;
}

export function deviceStore(db: Kysely<Tables>) {
  return {
    async insert(device: {
      id: string;
      userId: string;
      tokenHash: string;
      createdAt: number;
      name?: string | undefined;
    }) {
      await db
        .insertInto('devices')
        .values({
          id: device.id,
          user_id: device.userId,
          token_hash: device.tokenHash,
          name: device.name ?? null,
          created_at: device.createdAt,
          last_used_at: device.createdAt,
        })
        .execute();
    },

    async forTokenHash(tokenHash: string): Promise<SignedInDevice | undefined> {
      const { rows } = await runPrecompiled(db, 'device for token', { tokenHash }, (slots) =>
        db
          .selectFrom('devices')
          .innerJoin('users', 'users.id', 'devices.user_id')
          .select([
            'devices.id',
            'devices.user_id',
            'devices.last_used_at',
            'users.rate_limit_rpm',
            'users.tokens_per_day',
            'users.max_concurrent_runs',
          ])
          .where('devices.token_hash', '=', slots.tokenHash),
      );
      const row = rows[0];
      if (!row) return undefined;
      return {
        deviceId: row.id,
        userId: row.user_id,
        lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
        rate_limit_rpm: row.rate_limit_rpm,
        tokens_per_day: row.tokens_per_day === null ? null : Number(row.tokens_per_day),
        max_concurrent_runs: row.max_concurrent_runs,
      };
    },

    async touch(deviceId: string, at: number) {
      await runPrecompiled(db, 'touch device', { deviceId, at }, (slots) =>
        db.updateTable('devices').set({ last_used_at: slots.at }).where('id', '=', slots.deviceId),
      );
    },

    async list(userId: string): Promise<DeviceRow[]> {
      const rows = await db
        .selectFrom('devices')
        .select(['id', 'name', 'created_at', 'last_used_at'])
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((row) => ({
        ...row,
        created_at: Number(row.created_at),
        last_used_at: row.last_used_at === null ? null : Number(row.last_used_at),
      }));
    },

    async remove(userId: string, deviceId: string): Promise<boolean> {
      const result = await db
        .deleteFrom('devices')
        .where('id', '=', deviceId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    /** Signs every device of the user out; how many there were. */
    async removeAll(userId: string): Promise<number> {
      const result = await db.deleteFrom('devices').where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** Gives the device a new token; the old one stops working with this write. */
    async replaceToken(deviceId: string, tokenHash: string, at: number) {
      await db
        .updateTable('devices')
        .set({ token_hash: tokenHash, last_used_at: at })
        .where('id', '=', deviceId)
        .execute();
    },
  };
}

import type { Db } from '../../platform/db/database';
import { createDurableWriter } from '../transactions';
import type { ChannelLink } from './channel-link';
import type { FinancialDeps, Outbound } from './host-context';
import { createHostNumbers } from './numbers';
import { createRiskState } from './risk-state';

export function createFinancialDeps(db: Db, channel: () => ChannelLink | null): FinancialDeps {
  const deciding = new Map<string, Promise<Outbound>>();
  return {
    writer: createDurableWriter(db),
    numbers: createHostNumbers(db),
    risk: createRiskState(db),
    channel,
    async firstCopy({ tid, batch, stan, localDate, kind }) {
      const first = await db
        .selectFrom('transaction_keys as k')
        .innerJoin('transactions as t', (join) =>
          join
            .onRef('t.id', '=', 'k.transaction_id')
            .onRef('t.merchant_id', '=', 'k.merchant_id')
            .onRef('t.host_at', '=', 'k.host_at'),
        )
        .select(['k.request_digest', 't.response_code', 't.rrn', 't.auth_code'])
        .where('k.tid', '=', tid)
        .where('k.batch_no', '=', batch)
        .where('k.stan', '=', stan)
        .where('k.local_date', '=', localDate)
        .where('k.kind', '=', kind)
        .executeTakeFirst();
      return first ?? null;
    },
    async once(key, decide) {
      const earlier = deciding.get(key);
      if (earlier) await earlier.catch(() => undefined);
      const now = decide().finally(() => {
        if (deciding.get(key) === now) deciding.delete(key);
      });
      deciding.set(key, now);
      return now;
    },
  };
}

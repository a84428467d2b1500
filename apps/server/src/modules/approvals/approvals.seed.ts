import type { Db } from '../../platform/db/database';
import { defaultChains } from './approval.chains';
import { insertChainIfMissing } from './approvals.repo';

/** The chains every database starts with; existing ones (edited by administrators) are left alone. */
export async function seedDefaultChains(db: Db): Promise<void> {
  for (const chain of defaultChains) await insertChainIfMissing(db, chain);
}

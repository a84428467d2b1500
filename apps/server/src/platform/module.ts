import type { Clock } from '@posops/kernel';
import type { AppConfig } from './config';
import type { Db } from './db/database';

/** What the composition root hands each business module. */
export interface ModuleDeps {
  db: Db;
  clock: Clock;
  config: AppConfig;
}

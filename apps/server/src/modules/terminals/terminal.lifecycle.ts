import type { TerminalEvent, TerminalStatus } from '@posops/contracts';
import { defineStateMachine } from '@posops/kernel';

/** Every move of a unit: the people's (TerminalEvent) and those of work orders and the host. */
export type TerminalMove =
  | TerminalEvent
  | 'allocate'
  | 'release'
  | 'install'
  | 'activate'
  | 'retrieve'
  | 'scrap';

/**
 * 机具生命周期: in stock → allocated (to an installation) → installed (bound to a merchant) → active
 * (first sign-on or test transaction); faulty → in repair → back in stock or retired; lost (and found
 * again); retired → scrapped (by approval). Retrieval brings an installed unit back to stock, unbound.
 */
export const terminalLifecycle = defineStateMachine<TerminalStatus, TerminalMove>('terminal', [
  { from: 'in_stock', event: 'allocate', to: 'allocated' },
  { from: 'allocated', event: 'release', to: 'in_stock' },
  { from: 'in_stock', event: 'install', to: 'installed' },
  { from: 'allocated', event: 'install', to: 'installed' },
  { from: 'installed', event: 'activate', to: 'active' },
  { from: 'installed', event: 'retrieve', to: 'in_stock' },
  { from: 'active', event: 'retrieve', to: 'in_stock' },
  { from: 'in_stock', event: 'report_fault', to: 'faulty' },
  { from: 'installed', event: 'report_fault', to: 'faulty' },
  { from: 'active', event: 'report_fault', to: 'faulty' },
  { from: 'faulty', event: 'send_to_repair', to: 'in_repair' },
  { from: 'in_repair', event: 'repaired', to: 'in_stock' },
  { from: 'faulty', event: 'retire', to: 'retired' },
  { from: 'in_repair', event: 'retire', to: 'retired' },
  { from: 'in_stock', event: 'retire', to: 'retired' },
  { from: 'in_stock', event: 'report_lost', to: 'lost' },
  { from: 'allocated', event: 'report_lost', to: 'lost' },
  { from: 'installed', event: 'report_lost', to: 'lost' },
  { from: 'active', event: 'report_lost', to: 'lost' },
  { from: 'faulty', event: 'report_lost', to: 'lost' },
  { from: 'lost', event: 'found', to: 'in_stock' },
  { from: 'retired', event: 'scrap', to: 'scrapped' },
]);

/** The moves a person makes from the ledger; the rest belong to work orders, the host and approvals. */
export const manualTerminalEvents: readonly TerminalEvent[] = [
  'report_fault',
  'send_to_repair',
  'repaired',
  'retire',
  'report_lost',
  'found',
];

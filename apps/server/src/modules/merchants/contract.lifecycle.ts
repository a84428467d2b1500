import type { ContractStatus } from '@posops/contracts';
import { defineStateMachine } from '@posops/kernel';

export type ContractEvent = 'generate' | 'revise' | 'sign';

/**
 * 签约的生命周期. A contract is created as a draft (plan, terms and effective date saved), becomes
 * generated once its PDF is stored, and signed when the signer and time are recorded. Until signed it
 * may be revised (another plan, other terms): back to draft, and a new PDF is generated.
 */
export const contractLifecycle = defineStateMachine<ContractStatus, ContractEvent>('merchant contract', [
  { from: 'draft', event: 'generate', to: 'generated' },
  { from: 'draft', event: 'revise', to: 'draft' },
  { from: 'generated', event: 'revise', to: 'draft' },
  { from: 'generated', event: 'sign', to: 'signed' },
]);

import type { ResponseCode } from '@posops/iso8583';
import type { TimelineStep } from '../transactions';

/** A step's verdict: go on, or answer with this code, for this reason (it lands in the timeline). */
export type Verdict = undefined | { code: ResponseCode; reason: string };

export interface Step<S> {
  name: string;
  run(state: S): Promise<Verdict> | Verdict;
}

/**
 * jPOS's participants, small: the steps run in order until one declines; each leaves a line in the
 * transaction's timeline (µs since arrival) so a decline says which step and why.
 */
export async function runSteps<S extends { timeline: TimelineStep[]; startedAt: number }>(
  steps: readonly Step<S>[],
  state: S,
): Promise<{ code: ResponseCode; reason: string; step: string } | null> {
  for (const step of steps) {
    const verdict = await step.run(state);
    const atUs = Math.round((performance.now() - state.startedAt) * 1000);
    if (verdict) {
      state.timeline.push({
        step: step.name,
        outcome: 'declined',
        code: verdict.code,
        detail: verdict.reason,
        atUs,
      });
      return { ...verdict, step: step.name };
    }
    state.timeline.push({ step: step.name, outcome: 'ok', atUs });
  }
  return null;
}

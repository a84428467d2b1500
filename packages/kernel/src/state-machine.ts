import { AppError } from './errors';

/** A lifecycle as data: `from --event--> to`, each move optionally guarded. */
export interface Transition<S extends string, E extends string, C = unknown> {
  from: S;
  event: E;
  to: S;
  guard?: (context: C) => string | null;
}

export interface StateMachine<S extends string, E extends string, C = unknown> {
  readonly name: string;
  readonly transitions: readonly Transition<S, E, C>[];
  /** The next state, or an ILLEGAL_TRANSITION error naming the state and event. */
  next(from: S, event: E, context?: C): S;
  allowedEvents(from: S, context?: C): E[];
}

export function defineStateMachine<S extends string, E extends string, C = unknown>(
  name: string,
  transitions: readonly Transition<S, E, C>[],
): StateMachine<S, E, C> {
  const find = (from: S, event: E) => transitions.find((t) => t.from === from && t.event === event);
  return {
    name,
    transitions,
    next(from, event, context) {
      const t = find(from, event);
      if (!t) {
        throw new AppError('ILLEGAL_TRANSITION', `${name}: cannot ${event} when ${from}`);
      }
      const refusal = t.guard?.(context as C) ?? null;
      if (refusal)
        throw new AppError('ILLEGAL_TRANSITION', `${name}: cannot ${event} when ${from}: ${refusal}`);
      return t.to;
    },
    allowedEvents(from, context) {
      return transitions
        .filter((t) => t.from === from && !(t.guard?.(context as C) ?? null))
        .map((t) => t.event);
    },
  };
}

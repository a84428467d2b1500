import type { Mti } from './spec';

export type FormatProblem =
  | 'truncated'
  | 'trailing_bytes'
  | 'bad_tpdu'
  | 'bad_mti'
  | 'unknown_mti'
  | 'unknown_field'
  | 'bad_bcd'
  | 'bad_length'
  | 'bad_characters'
  | 'missing_value'
  | 'bad_value';

/** What could be read of a message before the problem: enough, often, to answer it with `30`. */
export interface PartialMessage {
  tpdu?: Tpdu;
  mti?: Mti;
  fields: Record<number, string | Uint8Array>;
}

export interface Tpdu {
  /** Two bytes as four hex digits, e.g. "0003". */
  destination: string;
  source: string;
}

/**
 * A message that breaks the packing rules: which rule, at which field and byte offset. Decoding returns
 * it (never throws it); encoding throws it for a value that cannot be packed.
 */
export class Iso8583FormatError extends Error {
  readonly problem: FormatProblem;
  readonly field: number | undefined;
  readonly offset: number | undefined;
  readonly partial: PartialMessage;

  constructor(
    problem: FormatProblem,
    message: string,
    at: { field?: number | undefined; offset?: number | undefined } = {},
    partial: PartialMessage = { fields: {} },
  ) {
    super(at.field !== undefined ? `field ${at.field}: ${message}` : message);
    this.name = 'Iso8583FormatError';
    this.problem = problem;
    this.field = at.field;
    this.offset = at.offset;
    this.partial = partial;
  }
}

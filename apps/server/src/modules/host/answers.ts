import {
  type Iso8583FormatError,
  type IsoMessage,
  type Mti,
  type ResponseCode,
  responseMti,
  swapTpdu,
} from '@posops/iso8583';

/** Fields a response repeats from its request when the request had them. */
const ECHOED = [2, 3, 4, 11, 14, 22, 23, 25, 41, 42, 49, 60, 61] as const;
/** …except these, which never go back to the terminal. */
const NEVER_ECHOED = new Set([2, 14]);

/** Local time (hhmmss) and date (MMDD) of the business time zone, for fields 12 and 13. */
export function localTimeFields(at: Date, timeZone: string): { 12: string; 13: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      month: '2-digit',
      day: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { 12: `${parts.hour}${parts.minute}${parts.second}`, 13: `${parts.month}${parts.day}` };
}

/** The answer to a request: response type, addresses swapped, the request's keys echoed, field 39. */
export function answerTo(
  request: { tpdu: IsoMessage['tpdu']; mti: Mti; fields: IsoMessage['fields'] },
  code: ResponseCode,
  fields: IsoMessage['fields'] = {},
): IsoMessage | null {
  const mti = responseMti(request.mti);
  if (!mti) return null;
  const echoed: IsoMessage['fields'] = {};
  for (const id of ECHOED) {
    const value = request.fields[id];
    if (value !== undefined && !NEVER_ECHOED.has(id)) echoed[id] = value;
  }
  return { tpdu: swapTpdu(request.tpdu), mti, fields: { ...echoed, ...fields, 39: code } };
}

/**
 * A malformed request answered with 30 when its TPDU and type could be read (echoing the trace number
 * and terminal ids that were), else null: the connection is closed.
 */
export function formatErrorAnswer(error: Iso8583FormatError): IsoMessage | null {
  const { tpdu, mti, fields } = error.partial;
  if (!tpdu || !mti) return null;
  const readable: IsoMessage['fields'] = {};
  for (const id of [11, 41, 42] as const) {
    const value = fields[id];
    if (typeof value === 'string') readable[id] = value;
  }
  return answerTo({ tpdu, mti, fields: readable }, '30');
}

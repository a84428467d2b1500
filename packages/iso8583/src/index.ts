/**
 * The terminal protocol's ISO 8583 codec (docs/terminal-protocol.md): framing, the field catalogue, packing
 * and reading messages, structured fields and the retail MAC. No dependencies beyond Node itself; used
 * by the terminal host and both simulators.
 */
export { hex, packDigits, unpackDigits } from './bcd';
export { type DecodeResult, decode, encode, frame, type IsoMessage, swapTpdu } from './codec';
export { type FormatProblem, Iso8583FormatError, type PartialMessage, type Tpdu } from './errors';
export { FrameReader } from './framing';
export { encodeWithMac, retailMac, sameMac } from './mac';
export {
  type FieldFormat,
  type FieldSpec,
  fieldSpec,
  fieldSpecs,
  isMti,
  type LengthKind,
  type Mti,
  mtis,
  type ResponseCode,
  requestMtis,
  responseCodes,
  responseMti,
} from './spec';
export * from './subfields';

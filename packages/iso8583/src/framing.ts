/**
 * Length-prefixed framing on a byte stream: each frame is a 2-byte big-endian length and that many bytes.
 * The reader takes chunks as TCP delivers them (a frame split across chunks, several in one) and gives
 * whole frame bodies; a length of zero or above the limit is a framing error after which the stream
 * cannot be trusted (the connection is closed).
 */
export class FrameReader {
  private buffered: Buffer = Buffer.alloc(0);
  readonly maxFrameBytes: number;

  constructor(maxFrameBytes = 4096) {
    if (maxFrameBytes < 1 || maxFrameBytes > 0xffff) throw new RangeError('maxFrameBytes: 1 to 65535');
    this.maxFrameBytes = maxFrameBytes;
  }

  /** Bytes received that do not make a whole frame yet. */
  get pendingBytes(): number {
    return this.buffered.length;
  }

  /** The whole frames this chunk completes, or the framing error that ends the stream. */
  push(chunk: Uint8Array): { frames: Uint8Array[]; error: string | null } {
    this.buffered = this.buffered.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buffered, chunk]);
    const frames: Uint8Array[] = [];
    while (this.buffered.length >= 2) {
      const length = this.buffered.readUInt16BE(0);
      if (length === 0) return { frames, error: 'a frame of length 0' };
      if (length > this.maxFrameBytes)
        return { frames, error: `a frame of ${length} bytes exceeds the limit of ${this.maxFrameBytes}` };
      if (this.buffered.length < 2 + length) break;
      frames.push(new Uint8Array(this.buffered.subarray(2, 2 + length)));
      this.buffered = this.buffered.subarray(2 + length);
    }
    return { frames, error: null };
  }
}

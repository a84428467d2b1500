/** Small, real files (a JPEG, a PNG, a PDF) for the demo's documents and for tests. */
import { crc32, deflateSync } from 'node:zlib';

/** A complete baseline JPEG: 8×8 mid-grey, one quantisation table, one-code Huffman tables. */
export function jpeg(): Uint8Array {
  const zeros = (n: number) => new Array<number>(n).fill(0);
  return Uint8Array.from([
    ...[0xff, 0xd8], // SOI
    ...[0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0, 0],
    ...[0xff, 0xdb, 0x00, 0x43, 0x00, ...new Array<number>(64).fill(1)], // DQT
    ...[0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00], // SOF0 8×8, 1 component
    ...[0xff, 0xc4, 0x00, 0x14, 0x00, 0x01, ...zeros(15), 0x00], // DHT DC: category 0 = "0"
    ...[0xff, 0xc4, 0x00, 0x14, 0x10, 0x01, ...zeros(15), 0x00], // DHT AC: EOB = "0"
    ...[0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00], // SOS
    0x3f, // DC diff 0, EOB, padded with ones
    ...[0xff, 0xd9], // EOI
  ]);
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A 1×1 RGB PNG with correct CRCs and a deflated scanline. */
export function png(): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', header),
      pngChunk('IDAT', deflateSync(Buffer.from([0, 0xc0, 0x30, 0x30]))),
      pngChunk('IEND', new Uint8Array()),
    ]),
  );
}

/** A one-page PDF with a correct cross-reference table. */
export function pdf(): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

import { fileTypeFromBuffer } from 'file-type';
import type { DocumentContentType } from './documents.schema';

/** The only types a document may be, told from the bytes (magic numbers), never from name or header. */
export const acceptedTypes: Readonly<Record<DocumentContentType, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

const isAccepted = (mime: string): mime is DocumentContentType => Object.hasOwn(acceptedTypes, mime);

/** Enough of the file for every signature we accept or want to name; bounds the sniffer's work. */
const SNIFF_BYTES_MAX = 64 * 1024;

const knownNames: Record<string, string> = {
  elf: 'an ELF executable',
  exe: 'a Windows executable (PE)',
  macho: 'a Mach-O executable',
  class: 'a Java class file',
  wasm: 'a WebAssembly module',
  zip: 'a ZIP archive',
  rar: 'a RAR archive',
  '7z': 'a 7-Zip archive',
  gz: 'a gzip archive',
  tar: 'a tar archive',
  xml: 'an XML document',
  gif: 'a GIF image',
  bmp: 'a BMP image',
  tif: 'a TIFF image',
  heic: 'a HEIC image',
  docx: 'a Word document',
  xlsx: 'an Excel workbook',
};

/** What text content looks like, for a precise refusal: file-type names binary formats only. */
function describeText(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 4096));
  if (head.includes(0)) return 'unrecognised binary data';
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (text.startsWith('#!')) return 'a script (#!)';
  if (text.startsWith('<svg') || text.includes('<svg')) return 'an SVG image (XML that may carry scripts)';
  if (/<(!doctype html|html|head|body|script|iframe)[\s>]/.test(text)) return 'an HTML document';
  if (text.startsWith('<')) return 'markup (HTML or XML)';
  if (/^(@echo|function |var |let |const |import |<\?php|powershell)/.test(text)) return 'a script';
  return 'plain text';
}

export type Sniffed =
  | { accepted: true; contentType: DocumentContentType; ext: string }
  | { accepted: false; description: string };

/** Tells the type of a file from its first bytes. */
export async function sniffDocument(bytes: Uint8Array): Promise<Sniffed> {
  const found = await fileTypeFromBuffer(bytes.subarray(0, SNIFF_BYTES_MAX));
  if (found && isAccepted(found.mime)) {
    return { accepted: true, contentType: found.mime, ext: acceptedTypes[found.mime] };
  }
  if (found) {
    return {
      accepted: false,
      description: `${knownNames[found.ext] ?? `a ${found.ext} file`} (${found.mime})`,
    };
  }
  return { accepted: false, description: describeText(bytes) };
}

/** Control characters, zero-width characters and bidirectional overrides (the "gpj.exe" trick). */
function isUnsafeCodePoint(cp: number): boolean {
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp <= 0x9f) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    cp === 0xfeff
  );
}

export const FILE_NAME_MAX_CHARS = 200;

/**
 * The client's file name made safe to store and to show: no directories, no control or direction
 * characters, none of `"*:<>?|`, no leading dots, at most 200 characters keeping the extension.
 * An empty result becomes `document.<ext>`.
 */
export function sanitiseFileName(raw: string | undefined, ext: string): string {
  const base = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  const kept = [...base]
    .filter((c) => !isUnsafeCodePoint(c.codePointAt(0) ?? 0))
    .map((c) => ('"*:<>?|'.includes(c) ? '_' : c))
    .join('');
  const name = kept.replace(/\s+/g, ' ').trim().replace(/^\.+/, '').trim();
  if (!name) return `document.${ext}`;
  const chars = [...name];
  if (chars.length <= FILE_NAME_MAX_CHARS) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? [...name.slice(dot)] : [];
  const keep = extension.length > 0 && extension.length <= 16 ? extension : [];
  return [...chars.slice(0, FILE_NAME_MAX_CHARS - keep.length), ...keep].join('');
}

/**
 * `Content-Disposition: inline` with the name twice: an ASCII fallback for old clients and the exact
 * UTF-8 name (RFC 6266 / RFC 5987 `filename*`), so 身份证正面.jpg arrives intact.
 */
export function contentDisposition(fileName: string): string {
  const fallback =
    fileName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\x20-\x7e]/g, '_')
      .replace(/["\\%]/g, '_') || 'document';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `inline; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

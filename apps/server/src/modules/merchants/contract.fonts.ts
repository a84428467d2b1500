import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AppError } from '@posops/kernel';
import * as fontkit from 'fontkit';

/**
 * Fonts for PDFs with Chinese text. PDF's standard fonts have no Chinese glyphs, so a CJK font is
 * embedded (as a subset of the glyphs used: a contract is ~30 KB, not 10 MB).
 *
 * First choice: Noto Sans SC (OFL-1.1) as plain TrueType, shipped by the npm package
 * `@expo-google-fonts/noto-sans-sc` (Google Fonts' static TTFs: 20,976 CJK Unified Ideographs plus
 * Extension A, Latin, full-width punctuation), so every machine that ran `npm install` has it.
 * (`@fontsource/noto-sans-sc` was tried: fontkit reads its WOFF/WOFF2, but its one-file subset holds
 * only ~7,300 ideographs, its WOFF takes seconds to subset and its WOFF2 embeds whole, 2.5 MB.)
 * Then the system's: Noto Sans CJK SC (Debian/Ubuntu `fonts-noto-cjk`, Fedora, Arch), WenQuanYi.
 * A character the first font lacks is set in the first later font that has it; a character no font
 * has is reported, never printed as an empty box.
 *
 * Only what each face covers stays in memory; pdfkit reads a font file when a document first uses it.
 */

export interface FontFace {
  /** A label for logs and errors: where the font came from. */
  source: string;
  /** The font file (pdfkit reads it when a document uses the face). */
  path: string;
  /** The face inside a collection (.ttc), for pdfkit and fontkit. */
  postscriptName?: string;
  covers(codePoint: number): boolean;
}

export interface FontChain {
  regular: FontFace[];
  /** Headings; the regular chain when no bold face is found. */
  bold: FontFace[];
}

interface Candidate {
  source: string;
  path: () => string | null;
  postscriptName?: string;
}

const require = createRequire(import.meta.url);

function npmFile(spec: string): () => string | null {
  return () => {
    try {
      return require.resolve(spec);
    } catch {
      return null;
    }
  };
}

const at = (path: string) => () => (existsSync(path) ? path : null);

const regularCandidates: Candidate[] = [
  {
    source: 'npm @expo-google-fonts/noto-sans-sc (Noto Sans SC Regular)',
    path: npmFile('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  },
  ...[
    '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  ].map((path) => ({
    source: `system ${path} (Noto Sans CJK SC)`,
    path: at(path),
    postscriptName: 'NotoSansCJKsc-Regular',
  })),
  {
    source: 'system /usr/share/fonts/truetype/wqy/wqy-microhei.ttc (WenQuanYi Micro Hei)',
    path: at('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'),
    postscriptName: 'WenQuanYiMicroHei',
  },
];

const boldCandidates: Candidate[] = [
  {
    source: 'npm @expo-google-fonts/noto-sans-sc (Noto Sans SC Bold)',
    path: npmFile('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
  },
  ...[
    '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
    '/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc',
    '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc',
  ].map((path) => ({
    source: `system ${path} (Noto Sans CJK SC Bold)`,
    path: at(path),
    postscriptName: 'NotoSansCJKsc-Bold',
  })),
];

function load(candidate: Candidate): FontFace | null {
  const path = candidate.path();
  if (!path) return null;
  try {
    const opened = fontkit.openSync(path, candidate.postscriptName);
    if (!('characterSet' in opened)) return null; // a collection without that face
    const characters = new Set(opened.characterSet);
    return {
      source: candidate.source,
      path,
      ...(candidate.postscriptName ? { postscriptName: candidate.postscriptName } : {}),
      covers: (codePoint) => characters.has(codePoint),
    };
  } catch {
    return null;
  }
}

const loadAll = (candidates: Candidate[]): FontFace[] =>
  candidates.map(load).filter((f): f is FontFace => f !== null);

let cached: Promise<FontChain> | null = null;

/** The CJK fonts of this machine, loaded once; an error naming what to install when there are none. */
export function cjkFonts(): Promise<FontChain> {
  cached ??= (async () => {
    const regular = loadAll(regularCandidates);
    if (regular.length === 0) {
      throw new AppError(
        'INTERNAL',
        'no CJK font for PDFs on this server: run `npm install` (it brings @expo-google-fonts/noto-sans-sc) ' +
          "or install the system's Noto Sans CJK (Debian: apt-get install fonts-noto-cjk)",
      );
    }
    const bold = loadAll(boldCandidates);
    return { regular, bold: bold.length > 0 ? bold : regular };
  })().catch((error) => {
    cached = null;
    throw error;
  });
  return cached;
}

/** Splits text into runs each set in one face: the first face of the chain that has the character. */
export function fontRuns(chain: FontFace[], text: string): { face: number; text: string }[] {
  const runs: { face: number; text: string }[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const blank = /\s/.test(ch);
    const previous = runs.at(-1);
    let face = blank && previous ? previous.face : chain.findIndex((f) => f.covers(cp));
    if (face < 0) face = 0;
    if (previous && previous.face === face) previous.text += ch;
    else runs.push({ face, text: ch });
  }
  return runs;
}

/** The characters of the text that no face of the chain has (whitespace aside). */
export function missingCharacters(chain: FontFace[], text: string): string[] {
  const missing = new Set<string>();
  for (const ch of text) {
    if (/\s/.test(ch)) continue;
    const cp = ch.codePointAt(0)!;
    if (!chain.some((f) => f.covers(cp))) missing.add(ch);
  }
  return [...missing];
}

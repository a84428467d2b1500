import { AppError } from '@posops/kernel';

/**
 * Keyset paging: the cursor is the sort key of the last row seen, opaque to clients. Lists never page
 * by OFFSET, which degrades over millions of rows.
 */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** What a cursor position holds, checked before it reaches SQL (a bad cast would be a 500). */
export type CursorPart = 'text' | 'timestamptz' | 'uuid' | 'bigint';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fits(value: unknown, part: CursorPart | undefined): boolean {
  if (part === undefined) return typeof value === 'string' || typeof value === 'number';
  if (typeof value !== 'string') return false;
  if (part === 'uuid') return uuidPattern.test(value);
  if (part === 'bigint') return /^\d{1,19}$/.test(value);
  if (part === 'timestamptz') {
    const at = new Date(value);
    return !Number.isNaN(at.getTime()) && at.toISOString() === value;
  }
  return !value.includes('\u0000');
}

/** `shape`: the number of positions (strings or numbers), or what each position holds. */
export function decodeCursor(
  cursor: string | undefined,
  shape: number | readonly CursorPart[],
): (string | number)[] | null {
  if (!cursor) return null;
  const parts = typeof shape === 'number' ? undefined : shape;
  const arity = typeof shape === 'number' ? shape : shape.length;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === arity && values.every((v, i) => fits(v, parts?.[i]))) {
      return values as (string | number)[];
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('VALIDATION_FAILED', 'cursor: not a cursor this list issued', {
    cursor: 'invalid cursor',
  });
}

/** Takes limit+1 rows, returns the page and the cursor of its last row when more follow. */
export function pageFrom<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number)[]) {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? encodeCursor(keyOf(last)) : null };
}

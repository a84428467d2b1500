import { useCallback, useMemo, useState } from 'react';

export interface CursorPager {
  /** Cursor of the page on screen (undefined for the first page). */
  cursor: string | undefined;
  /** 1-based page number, for display. */
  page: number;
  hasPrev: boolean;
  next: (nextCursor: string) => void;
  prev: () => void;
  reset: () => void;
}

/** Keyset paging: a stack of the cursors that led to the current page, so "previous" can go back. */
export function useCursorPager(): CursorPager {
  const [stack, setStack] = useState<string[]>([]);
  const next = useCallback((nextCursor: string) => setStack((s) => [...s, nextCursor]), []);
  const prev = useCallback(() => setStack((s) => s.slice(0, -1)), []);
  const reset = useCallback(() => setStack([]), []);
  return useMemo(
    () => ({ cursor: stack.at(-1), page: stack.length + 1, hasPrev: stack.length > 0, next, prev, reset }),
    [stack, next, prev, reset],
  );
}

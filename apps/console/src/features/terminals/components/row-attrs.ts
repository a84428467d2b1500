import type { HTMLAttributes } from 'react';

/** Test ids on a table row: antd's `onRow` takes HTML attributes, whose type lists no `data-*`. */
export function rowAttrs(attrs: Record<`data-${string}`, string>): HTMLAttributes<HTMLElement> {
  return attrs;
}

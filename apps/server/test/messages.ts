/** Message keys the server sends must exist in the console's message files (both languages share keys). */
import { messagesZhCN } from '../../console/src/app/i18n/messages.zh-CN';

function has(tree: unknown, path: string[]): boolean {
  if (path.length === 0) return typeof tree === 'string';
  if (typeof tree !== 'object' || tree === null) return false;
  return has((tree as Record<string, unknown>)[path[0]!], path.slice(1));
}

/** Whether the console can translate this message key. */
export const consoleKnows = (key: string): boolean => has(messagesZhCN, key.split('.'));

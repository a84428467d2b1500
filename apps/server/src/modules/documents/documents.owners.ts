import { AppError } from '@posops/kernel';
import type { Db } from '../../platform/db/database';

/**
 * What a module that owns documents (a merchant application, a contract, a work order) tells the
 * document store. The store knows no owner module; each registers itself at start.
 */
export interface DocumentOwner {
  /**
   * The org of the owner, which its documents take; null when there is no such owner or the caller
   * cannot see it. `db` is the caller's org-scoped connection (inside the upload's transaction), so a
   * lookup in an org-owned table answers null for another branch's owner by itself.
   */
  orgOf(db: Db, ownerId: string): Promise<string | null>;
  /**
   * Whether documents may still be added or removed (e.g. only while an application is a draft). Runs in
   * the upload's or removal's transaction: lock the owner's row (`FOR SHARE`) so a concurrent submit waits.
   */
  canChange(db: Db, ownerId: string): Promise<boolean>;
  /** The kinds of document this owner takes (`id_card_front`, `business_licence`, …). */
  kinds: readonly string[];
}

export const namePattern = /^[a-z][a-z0-9_.-]{0,39}$/;

const owners = new Map<string, DocumentOwner>();

/**
 * Declares an owner type of documents. Called by the owner module when the app is composed; calling it
 * again for the same type replaces the declaration (each test app composes the modules anew).
 */
export function registerDocumentOwner(ownerType: string, owner: DocumentOwner): void {
  if (!namePattern.test(ownerType)) {
    throw new Error(`document owner type ${ownerType}: lower-case letters, digits, _ . -, at most 40`);
  }
  if (owner.kinds.length === 0) throw new Error(`document owner ${ownerType} declares no kinds`);
  for (const kind of owner.kinds) {
    if (!namePattern.test(kind)) {
      throw new Error(`document kind ${kind} of ${ownerType}: lower-case letters, digits, _ . -, at most 40`);
    }
  }
  owners.set(ownerType, { ...owner, kinds: [...owner.kinds] });
}

/** The registered owner of that type, or a validation error naming the field. */
export function ownerOf(ownerType: string): DocumentOwner {
  const owner = owners.get(ownerType);
  if (!owner) {
    const known = [...owners.keys()].sort().join(', ') || 'none';
    const message = `no document owner type ${ownerType} (known: ${known})`;
    throw new AppError('VALIDATION_FAILED', message, { ownerType: message });
  }
  return owner;
}

/** The owner of a stored document, if its module still registers the type. */
export function registeredOwner(ownerType: string): DocumentOwner | undefined {
  return owners.get(ownerType);
}

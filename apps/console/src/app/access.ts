import { useMemo } from 'react';
import type { Permission, SessionUser } from '../api/types';
import { useSession } from './session';

export interface Access {
  can: (permission: Permission | undefined) => boolean;
}

/** Turns the user's permission list into one lookup, once per session (Ant Design Pro's access.ts). */
export function accessOf(user: SessionUser | null): Access {
  const granted = new Set(user?.permissions ?? []);
  return { can: (permission) => permission === undefined || granted.has(permission) };
}

export function useAccess(): Access {
  const { user } = useSession();
  return useMemo(() => accessOf(user), [user]);
}

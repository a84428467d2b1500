import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OrgsTable {
  id: Generated<string>;
  parent_id: string | null;
  code: string;
  name: string;
  kind: 'head_office' | 'branch' | 'outlet' | 'agent';
  status: Generated<'active' | 'closed'>;
  path: string;
  depth: number;
  created_at: CreatedAt;
}

export interface RolesTable {
  id: Generated<string>;
  code: string;
  name: string;
  name_en: string;
  privileged: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
}

export interface RolePermissionsTable {
  role_id: string;
  permission: string;
}

export interface UsersTable {
  id: Generated<string>;
  org_id: string;
  username: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  password_hash: string;
  must_change_password: Generated<boolean>;
  status: Generated<'active' | 'disabled'>;
  failed_attempts: Generated<number>;
  locked_until: Timestamp | null;
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  /** The last accepted TOTP time step: a code is accepted once. */
  totp_last_step: bigint | null;
  is_demo: Generated<boolean>;
  locale: Generated<'zh-CN' | 'en-US'>;
  last_login_at: Timestamp | null;
  password_changed_at: Timestamp | null;
  disabled_reason: string | null;
  /** Set for a merchant portal login: the one merchant it may see. */
  merchant_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
}

export interface UserRolesTable {
  user_id: string;
  role_id: string;
  granted_by: string | null;
  granted_at: DefaultedTimestamp;
}

export interface PasswordHistoryTable {
  id: Generated<bigint>;
  user_id: string;
  password_hash: string;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface LoginHistoryTable {
  id: Generated<bigint>;
  at: DefaultedTimestamp;
  user_id: string | null;
  org_id: string | null;
  username: string;
  ip: string | null;
  user_agent: string | null;
  success: boolean;
  reason: string;
}

export interface PermissionReviewsTable {
  id: Generated<bigint>;
  user_id: string;
  org_id: string;
  reviewer_id: string;
  outcome: 'confirmed' | 'changes_requested';
  comment: string | null;
  roles: ColumnType<unknown, string, string>;
  at: DefaultedTimestamp;
}

export interface IdentityTables {
  orgs: OrgsTable;
  roles: RolesTable;
  role_permissions: RolePermissionsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  password_history: PasswordHistoryTable;
  sessions: SessionsTable;
  login_history: LoginHistoryTable;
  permission_reviews: PermissionReviewsTable;
}

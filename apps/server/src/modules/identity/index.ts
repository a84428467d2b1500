/**
 * Identity (用户/角色/机构): the org tree, users, roles and permissions, sign-in and sessions, TOTP,
 * permission review. Uses approvals (granting a privileged role) and audit. Emits nothing yet.
 */

export { authRoutes } from './auth.routes';
export { currentTotp, lookupSession } from './auth.service';
export { identityRoutes } from './identity.routes';
export {
  contextForUser,
  DEMO_PASSWORD,
  demoUsers,
  seedDefaultRoles,
  seedDemoActivity,
  seedDemoBank,
  useDemoPassword,
} from './identity.seed';
export { createPortalLogin, removePortalLogin } from './portal.service';
export { disableDormantAccounts } from './review.service';
export { deleteExpiredSessions } from './sessions.repo';
export { agentOrgs, staffWithPermission, staffWithRoles, usersWithPermissionOver } from './users.repo';

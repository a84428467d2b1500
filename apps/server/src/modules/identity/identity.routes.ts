import {
  createOrgBody,
  createRoleBody,
  createUserBody,
  createUserResponse,
  grantRoleBody,
  grantRoleResponse,
  idSchema,
  loginHistoryEntry,
  org,
  pageOf,
  pageQuery,
  permissionCatalogue,
  recordReviewBody,
  reviewItem,
  reviewQuery,
  role,
  updateOrgBody,
  updateRoleBody,
  updateUserBody,
  userListItem,
  userListQuery,
} from '@posops/contracts';
import { z } from 'zod';
import { contextOf, type ZodApp } from '../../platform/http/app';
import type { ModuleDeps } from '../../platform/module';
import { changeOrg, createOrg, orgTree } from './orgs.service';
import { recordReview, reviewList } from './review.service';
import { changeRole, createRole, roles } from './roles.service';
import {
  createUser,
  getUser,
  grantRole,
  listUsers,
  loginHistory,
  resetPassword,
  revokeRole,
  setUserStatus,
  updateUser,
} from './users.service';

const params = z.object({ id: idSchema });

export function identityRoutes(deps: ModuleDeps) {
  return async (app: ZodApp) => {
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps);

    // ── organisations ──
    app.get(
      '/api/orgs',
      {
        config: { access: 'org.read' },
        schema: { tags: ['orgs'], summary: 'My org subtree, in tree order', response: { 200: z.array(org) } },
      },
      async (request) => orgTree(ctx(request)),
    );
    app.post(
      '/api/orgs',
      {
        config: { access: 'org.create' },
        schema: {
          tags: ['orgs'],
          summary: 'Create an org under a parent',
          body: createOrgBody,
          response: { 201: org },
        },
      },
      async (request, reply) => reply.status(201).send(await createOrg(ctx(request), request.body)),
    );
    app.patch(
      '/api/orgs/:id',
      {
        config: { access: 'org.update' },
        schema: {
          tags: ['orgs'],
          summary: 'Rename or close an org',
          params,
          body: updateOrgBody,
          response: { 200: org },
        },
      },
      async (request) => changeOrg(ctx(request), request.params.id, request.body),
    );

    // ── users ──
    app.get(
      '/api/users',
      {
        config: { access: 'user.read' },
        schema: {
          tags: ['users'],
          summary: 'Users of my subtree',
          querystring: userListQuery,
          response: { 200: pageOf(userListItem) },
        },
      },
      async (request) => listUsers(ctx(request), request.query),
    );
    app.get(
      '/api/users/:id',
      {
        config: { access: 'user.read' },
        schema: { tags: ['users'], summary: 'One user', params, response: { 200: userListItem } },
      },
      async (request) => getUser(ctx(request), request.params.id),
    );
    app.post(
      '/api/users',
      {
        config: { access: 'user.create', secretResponse: true },
        schema: {
          tags: ['users'],
          summary: 'Create a user; the first password is returned once',
          body: createUserBody,
          response: { 201: createUserResponse },
        },
      },
      async (request, reply) => reply.status(201).send(await createUser(ctx(request), request.body)),
    );
    app.patch(
      '/api/users/:id',
      {
        config: { access: 'user.update' },
        schema: {
          tags: ['users'],
          summary: 'Edit a user',
          params,
          body: updateUserBody,
          response: { 200: userListItem },
        },
      },
      async (request) => updateUser(ctx(request), request.params.id, request.body),
    );
    app.post(
      '/api/users/:id/disable',
      {
        config: { access: 'user.disable' },
        schema: {
          tags: ['users'],
          summary: 'Disable a user and end all their sessions',
          params,
          body: z.strictObject({ reason: z.string().max(200).optional() }).optional(),
          response: { 200: userListItem },
        },
      },
      async (request) =>
        setUserStatus(ctx(request), request.params.id, 'disabled', request.body?.reason ?? null),
    );
    app.post(
      '/api/users/:id/enable',
      {
        config: { access: 'user.disable' },
        schema: { tags: ['users'], summary: 'Enable a user', params, response: { 200: userListItem } },
      },
      async (request) => setUserStatus(ctx(request), request.params.id, 'active', null),
    );
    app.get(
      '/api/users/:id/logins',
      {
        config: { access: 'user.read' },
        schema: {
          tags: ['users'],
          summary: "A user's sign-in attempts, newest first",
          params,
          querystring: pageQuery,
          response: { 200: pageOf(loginHistoryEntry) },
        },
      },
      async (request) =>
        loginHistory(ctx(request), request.params.id, request.query.cursor, request.query.limit),
    );
    app.post(
      '/api/users/:id/reset-password',
      {
        config: { access: 'user.resetPassword', secretResponse: true },
        schema: {
          tags: ['users'],
          summary: 'Issue a new first password (shown once)',
          params,
          response: { 200: z.object({ initialPassword: z.string() }) },
        },
      },
      async (request) => resetPassword(ctx(request), request.params.id),
    );
    app.post(
      '/api/users/:id/roles',
      {
        config: { access: 'role.assign' },
        schema: {
          tags: ['users'],
          summary: 'Grant a role (privileged roles wait for approval)',
          params,
          body: grantRoleBody,
          response: { 200: grantRoleResponse },
        },
      },
      async (request) => grantRole(ctx(request), request.params.id, request.body.roleId, request.body.reason),
    );
    app.delete(
      '/api/users/:id/roles/:roleId',
      {
        config: { access: 'role.assign' },
        schema: {
          tags: ['users'],
          summary: 'Revoke a role',
          params: z.object({ id: idSchema, roleId: idSchema }),
          response: { 200: userListItem },
        },
      },
      async (request) => revokeRole(ctx(request), request.params.id, request.params.roleId),
    );

    // ── roles and permissions ──
    app.get(
      '/api/roles',
      {
        config: { access: 'role.read' },
        schema: {
          tags: ['roles'],
          summary: 'Roles with their permissions',
          response: { 200: z.array(role) },
        },
      },
      async (request) => roles(ctx(request)),
    );
    app.post(
      '/api/roles',
      {
        config: { access: 'role.create' },
        schema: { tags: ['roles'], summary: 'Create a role', body: createRoleBody, response: { 201: role } },
      },
      async (request, reply) => reply.status(201).send(await createRole(ctx(request), request.body)),
    );
    app.patch(
      '/api/roles/:id',
      {
        config: { access: 'role.update' },
        schema: {
          tags: ['roles'],
          summary: 'Edit a role and its permissions',
          params,
          body: updateRoleBody,
          response: { 200: role },
        },
      },
      async (request) => changeRole(ctx(request), request.params.id, request.body),
    );
    app.get(
      '/api/permissions',
      {
        config: { access: 'role.read' },
        schema: {
          tags: ['roles'],
          summary: 'The permission catalogue',
          response: {
            200: z.array(z.object({ key: z.string(), module: z.string(), zh: z.string(), en: z.string() })),
          },
        },
      },
      async () => permissionCatalogue.map((p) => ({ ...p })),
    );

    // ── permission review (权限审核) ──
    app.get(
      '/api/permission-review',
      {
        config: { access: 'permissionReview.read' },
        schema: {
          tags: ['permission review'],
          summary: 'Users, roles, last login, dormancy, last review',
          querystring: reviewQuery,
          response: { 200: pageOf(reviewItem) },
        },
      },
      async (request) => reviewList(ctx(request), request.query),
    );
    app.post(
      '/api/permission-review/:id',
      {
        config: { access: 'permissionReview.record' },
        schema: {
          tags: ['permission review'],
          summary: "Record the review of a user's access",
          params,
          body: recordReviewBody,
        },
      },
      async (request, reply) => {
        await recordReview(ctx(request), request.params.id, request.body);
        return reply.status(204).send();
      },
    );
  };
}

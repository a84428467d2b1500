import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('approval chains', () => {
  it('lists the chain of each request type with its steps', async () => {
    const admin = await app.as('admin');
    const chains = await admin.get('/api/approval-chains');
    expect(chains.status).toBe(200);
    expect(chains.body).toContainEqual(
      expect.objectContaining({ type: 'role.grant', steps: [{ roleCode: 'sysadmin', orgLevel: 'any' }] }),
    );
  });

  it('lets the head office add a step above a threshold, audited, and refuses unknown roles by field', async () => {
    const admin = await app.as('admin');
    const steps = [
      { roleCode: 'sysadmin', orgLevel: 'any' },
      { roleCode: 'approver', orgLevel: 'head_office', minAmountMinor: '1000000' },
    ];
    const updated = await admin.put('/api/approval-chains/role.grant', { steps });
    expect(updated.status).toBe(200);
    expect(updated.body.steps).toEqual(steps);
    const audit = await app.db
      .selectFrom('audit_log')
      .select(['actor_name', 'after'])
      .where('action', '=', 'approval.chain.update')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_name: 'admin', after: { steps } });

    const unknown = await admin.put('/api/approval-chains/role.grant', {
      steps: [{ roleCode: 'nobody', orgLevel: 'any' }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields).toEqual({ 'steps.0.roleCode': 'unknown role' });
    const badAmount = await admin.put('/api/approval-chains/role.grant', {
      steps: [{ roleCode: 'sysadmin', orgLevel: 'any', minAmountMinor: '12.5' }],
    });
    expect(badAmount.status).toBe(400);
    const stored = await app.db
      .selectFrom('approval_chains')
      .select('steps')
      .where('type', '=', 'role.grant')
      .executeTakeFirstOrThrow();
    expect(stored.steps).toEqual(steps);
  });

  it('refuses a branch administrator and an unknown type', async () => {
    const bjAdmin = await app.as('bj.admin');
    const refused = await bjAdmin.put('/api/approval-chains/role.grant', {
      steps: [{ roleCode: 'sysadmin', orgLevel: 'any' }],
    });
    expect(refused.status).toBe(403);
    const admin = await app.as('admin');
    const missing = await admin.put('/api/approval-chains/no.such', {
      steps: [{ roleCode: 'sysadmin', orgLevel: 'any' }],
    });
    expect(missing.status).toBe(404);
  });
});

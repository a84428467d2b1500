import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp, userId } from '../../../test/app';
import { contractedApplication } from '../../../test/merchant-fixtures';

let app: TestApp;
let backoffice: Client;
let engineer: Client;
let orderId: string;

beforeAll(async () => {
  app = await startTestApp();
  backoffice = await app.as('backoffice');
  engineer = await app.as('engineer');
  const id = await contractedApplication(app, '9144030071526726XG', '北京朝阳派单测试餐厅', 2);
  const live = await backoffice.post(`/api/merchant-applications/${id}/go-live`);
  expect(live.status).toBe(200);
  const orders = (await backoffice.get('/api/work-orders?status=open&kind=install')).body.items as {
    id: string;
  }[];
  orderId = orders[0]!.id;
});
afterAll(async () => {
  await app?.stop();
});

describe('work orders (工单): dispatch and SLA', () => {
  it('opens installations due by their SLA and lists them soonest due first', async () => {
    const orders = (await backoffice.get('/api/work-orders?status=open')).body.items as {
      kind: string;
      dueAt: string;
      createdAt: string;
      merchantLabel: string;
      overdue: boolean;
    }[];
    expect(orders).toHaveLength(2);
    for (const o of orders) {
      expect(o.kind).toBe('install');
      expect(Date.parse(o.dueAt) - Date.parse(o.createdAt)).toBe(72 * 3_600_000);
      expect(o.merchantLabel).toMatch(/^898\d{12} 北京朝阳派单测试餐厅$/);
      expect(o.overdue).toBe(false);
    }
  });

  it('assigns to an engineer of the org with an appointment, who is told and finds it under "mine"', async () => {
    const list = (await backoffice.get('/api/work-orders/engineers')).body.items as {
      id: string;
      name: string;
    }[];
    const engineerId = await userId(app, 'engineer');
    expect(list.map((e) => e.id)).toContain(engineerId);
    const appointmentAt = new Date(app.clock.now().getTime() + 86_400_000).toISOString();
    const refused = await backoffice.post(`/api/work-orders/${orderId}/assign`, {
      assigneeId: await userId(app, 'frontdesk'),
      appointmentAt,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toHaveProperty('assigneeId');
    const past = await backoffice.post(`/api/work-orders/${orderId}/assign`, {
      assigneeId: engineerId,
      appointmentAt: '2020-01-01T09:00:00+08:00',
    });
    expect(past.status).toBe(400);
    const assigned = await backoffice.post(`/api/work-orders/${orderId}/assign`, {
      assigneeId: engineerId,
      appointmentAt,
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect(assigned.body).toMatchObject({ assignee: { id: engineerId }, appointmentAt });
    const mine = (await engineer.get('/api/work-orders?mine=true')).body.items as { id: string }[];
    expect(mine.map((o) => o.id)).toEqual([orderId]);
    const notes = (await engineer.get('/api/notifications?limit=20')).body.items as { kind: string }[];
    expect(notes.some((n) => n.kind === 'workorder.assigned')).toBe(true);
    expect(
      (await engineer.post(`/api/work-orders/${orderId}/assign`, { assigneeId: engineerId, appointmentAt }))
        .status,
    ).toBe(403);
  });

  it('escalates overdue work orders once, to the managers above and the assignee', async () => {
    const job = () => app.jobs.find((j) => j.name === 'workorders.overdue')!.run();
    expect(await job()).toBe(0);
    app.clock.advance(73 * 3_600_000);
    backoffice = await app.as('backoffice');
    expect(await job()).toBe(2);
    expect(await job()).toBe(0);
    const overdue = (await backoffice.get('/api/work-orders?overdue=true')).body.items as {
      overdue: boolean;
      escalatedAt: string;
    }[];
    expect(overdue).toHaveLength(2);
    expect(overdue.every((o) => o.overdue && o.escalatedAt)).toBe(true);
    const notes = (await backoffice.get('/api/notifications?limit=50')).body.items as { kind: string }[];
    expect(notes.filter((n) => n.kind === 'workorder.overdue')).toHaveLength(2);
  });
});

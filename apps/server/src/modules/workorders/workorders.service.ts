import { AppError } from '@posops/kernel';
import type { ServiceContext } from '../../platform/http/context';
import type { ModuleDeps } from '../../platform/module';
import { originOf, recordAudit, systemOrigin } from '../audit';
import { staffWithPermission, usersWithPermissionOver } from '../identity';
import { notifyUsers } from '../notifications';
import { siteReportOf } from './site-report';
import { siteRequirements } from './site-requirements';

/**
 * 派单与超时升级: a work order is assigned to an engineer of its org (or above) with an appointment; it is
 * due by its kind's SLA; a job escalates the overdue ones once to those who manage operations there.
 */

type Filter = {
  id?: string | undefined;
  status?: 'open' | 'completed' | 'cancelled' | undefined;
  kind?: 'install' | 'inspection' | 'repair' | 'relocation' | 'retrieval' | undefined;
  mine?: boolean | undefined;
  overdue?: boolean | undefined;
  limit: number;
};

export async function listWorkOrders(ctx: ServiceContext, filter: Filter) {
  let q = ctx.db
    .selectFrom('work_orders as w')
    .leftJoin('users as a', 'a.id', 'w.assignee_id')
    .select([
      'w.id',
      'w.no',
      'w.kind',
      'w.status',
      'w.merchant_id',
      'w.merchant_label',
      'w.terminal_model',
      'w.serial_no',
      'w.assignee_id',
      'a.display_name as assignee_name',
      'w.appointment_at',
      'w.due_at',
      'w.escalated_at',
      'w.created_at',
      'w.completed_at',
      'w.bound_at',
    ]);
  if (filter.id) q = q.where('w.id', '=', filter.id);
  if (filter.status) q = q.where('w.status', '=', filter.status);
  if (filter.kind) q = q.where('w.kind', '=', filter.kind);
  if (filter.mine) q = q.where('w.assignee_id', '=', ctx.actor.userId);
  if (filter.overdue) q = q.where('w.status', '=', 'open').where('w.due_at', '<', ctx.clock.now());
  const rows = await q.orderBy('w.due_at').orderBy('w.no').limit(filter.limit).execute();
  const now = ctx.clock.now();
  return {
    items: rows.map((r) => ({
      id: r.id,
      no: r.no,
      kind: r.kind,
      status: r.status,
      merchantId: r.merchant_id,
      merchantLabel: r.merchant_label,
      terminalModel: r.terminal_model,
      serialNo: r.serial_no,
      assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
      appointmentAt: r.appointment_at ? r.appointment_at.toISOString() : null,
      dueAt: r.due_at.toISOString(),
      overdue: r.status === 'open' && r.due_at < now,
      escalatedAt: r.escalated_at ? r.escalated_at.toISOString() : null,
      createdAt: r.created_at.toISOString(),
      completedAt: r.completed_at ? r.completed_at.toISOString() : null,
      boundAt: r.bound_at ? r.bound_at.toISOString() : null,
    })),
  };
}

/**
 * One work order for the engineer's site page: what its kind requires on site (checklist, photos, test
 * transaction) and, once closed, its site report.
 */
export async function getWorkOrder(ctx: ServiceContext, id: string) {
  const [row] = (await listWorkOrders(ctx, { id, limit: 1 })).items;
  if (!row) throw new AppError('NOT_FOUND', 'work order not found');
  const wanted = siteRequirements[row.kind];
  return {
    ...row,
    requirements: {
      checklist: wanted.checklist,
      minPhotos: wanted.minPhotos,
      testTransaction: wanted.testTransaction,
      bindFirst: row.kind === 'install',
    },
    report: await siteReportOf(ctx.db, id),
  };
}

/** The engineers the caller may assign to: field staff of its subtree who complete work orders. */
export async function engineers(ctx: ServiceContext) {
  const rows = await staffWithPermission(ctx.db, 'workOrder.complete');
  return {
    items: rows.map((r) => ({ id: r.id, name: r.display_name, orgId: r.org_id, orgName: r.org_name })),
  };
}

/** 派单: to an engineer whose org is the work order's or above it, with an appointment before it is due. */
export async function assignWorkOrder(
  ctx: ServiceContext,
  id: string,
  input: { assigneeId: string; appointmentAt: string },
) {
  await ctx.db.transaction().execute(async (tx) => {
    const order = await tx
      .selectFrom('work_orders')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!order) throw new AppError('NOT_FOUND', 'work order not found');
    if (order.status !== 'open')
      throw new AppError('ILLEGAL_TRANSITION', `work order: cannot assign when ${order.status}`);
    const candidates = await usersWithPermissionOver(ctx.system, order.org_id, 'workOrder.complete');
    const inScope = new Set((await staffWithPermission(ctx.db, 'workOrder.complete')).map((u) => u.id));
    // An engineer of the work order's org or above, whom the dispatcher can see.
    if (!candidates.includes(input.assigneeId) || !inScope.has(input.assigneeId)) {
      throw new AppError('VALIDATION_FAILED', 'not an engineer who can take this work order', {
        assigneeId: 'not an engineer of this org',
      });
    }
    const appointment = new Date(input.appointmentAt);
    if (appointment < ctx.clock.now())
      throw new AppError('VALIDATION_FAILED', 'the appointment is in the past', {
        appointmentAt: 'in the past',
      });
    await tx
      .updateTable('work_orders')
      .set({ assignee_id: input.assigneeId, appointment_at: appointment })
      .where('id', '=', id)
      .execute();
    await notifyUsers(tx, [input.assigneeId], {
      kind: 'workorder.assigned',
      title: {
        'zh-CN': `新工单 ${order.no}：${order.merchant_label}`,
        'en-US': `New work order ${order.no}: ${order.merchant_label}`,
      },
      body: {
        'zh-CN': `预约时间 ${appointment.toISOString()}`,
        'en-US': `Appointment ${appointment.toISOString()}`,
      },
      link: `/merchants/${order.merchant_id}`,
    });
    await recordAudit(tx, originOf(ctx), {
      action: 'workorder.assign',
      objectType: 'work_order',
      objectId: id,
      orgId: order.org_id,
      before: { assigneeId: order.assignee_id, appointmentAt: order.appointment_at },
      after: input,
    });
  });
  const [row] = (await listWorkOrders(ctx, { id, limit: 1 })).items;
  if (!row) throw new AppError('NOT_FOUND', 'work order not found');
  return row;
}

/** The job: open work orders past their SLA are escalated, once, to the operations managers above. */
export async function escalateOverdueWorkOrders(deps: ModuleDeps): Promise<number> {
  const now = deps.clock.now();
  const overdue = await deps.db
    .selectFrom('work_orders')
    .select(['id', 'no', 'org_id', 'kind', 'merchant_label', 'due_at', 'assignee_id'])
    .where('status', '=', 'open')
    .where('due_at', '<', now)
    .where('escalated_at', 'is', null)
    .limit(5000)
    .execute();
  const origin = systemOrigin('workorders.overdue');
  for (const order of overdue) {
    await deps.db.transaction().execute(async (tx) => {
      const marked = await tx
        .updateTable('work_orders')
        .set({ escalated_at: now })
        .where('id', '=', order.id)
        .where('escalated_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!marked) return;
      const managers = await usersWithPermissionOver(tx, order.org_id, 'workOrder.assign');
      await notifyUsers(tx, [...managers, ...(order.assignee_id ? [order.assignee_id] : [])], {
        kind: 'workorder.overdue',
        title: {
          'zh-CN': `工单超时：${order.no}（${order.merchant_label}）`,
          'en-US': `Work order overdue: ${order.no} (${order.merchant_label})`,
        },
        body: {
          'zh-CN': `应于 ${order.due_at.toISOString()} 前完成`,
          'en-US': `Due ${order.due_at.toISOString()}`,
        },
        link: `/work-orders?overdue=1`,
      });
      await recordAudit(tx, origin, {
        action: 'workorder.escalate',
        objectType: 'work_order',
        objectId: order.id,
        orgId: order.org_id,
        after: { dueAt: order.due_at.toISOString(), kind: order.kind },
      });
    });
  }
  return overdue.length;
}

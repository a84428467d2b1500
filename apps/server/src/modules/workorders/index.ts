/**
 * Work orders (工单): installations, inspections, repairs, relocations and retrievals for the field
 * engineers — numbered, assigned, due by their SLA, escalated when overdue. Owns work_orders. Other
 * modules open and complete them through this index.
 */

export {
  bindWorkOrder,
  checkSiteReport,
  type SiteReportInput,
  saveSiteReport,
  siteReportOf,
} from './site-report';
export { siteRequirements } from './site-requirements';
export {
  completeWorkOrder,
  deleteWorkOrders,
  fieldWorkOfTerminal,
  findWorkOrder,
  insertWorkOrders,
  inspectionStatusOf,
  installationsDone,
  installedTerminalsOf,
  workOrdersOf,
} from './workorders.repo';
export { workOrderRoutes } from './workorders.routes';
export { escalateOverdueWorkOrders } from './workorders.service';

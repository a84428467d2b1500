/**
 * Merchants (商户 / 进件): applications from intake through document review (this part), then risk
 * assessment, approval, contract and go-live. Owns merchant_applications, their events and checklist,
 * and the blacklist (risk tables shared with the risk module). Uses audit; approvals and documents next.
 */

export { applicationRoutes } from './applications.routes';
export { blacklistRoutes } from './blacklist.routes';
export { type BusinessHours, businessHoursOf } from './business-hours';
export { changeRoutes } from './change.routes';
export { applyDueChanges, registerChangeApprovals } from './change.service';
export { contractRoutes } from './contract.routes';
export { merchantForHost } from './golive.repo';
export { planInspections } from './inspections.service';
export { merchantRatesOn } from './merchant-profile';
export { seedDemoMerchants } from './merchants.demo';
export { merchantRoutes } from './merchants.routes';
export { portalRoutes } from './portal.routes';
export { referenceRoutes } from './reference.routes';

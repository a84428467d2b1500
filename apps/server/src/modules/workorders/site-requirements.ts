import type { WorkOrdersTable } from './workorders.schema';

type Kind = WorkOrdersTable['kind'];

/** One item of a site checklist; a must-pass item failed means the work is not done. */
export interface ChecklistItem {
  item: string;
  mustPass: boolean;
}

/**
 * What a work order of each kind needs on site before it closes (现场作业要求), as data: the checklist,
 * how many site photos at least, whether a test transaction must be approved. Every kind ends with the
 * merchant's sign-off (签收). An inspection's failed items are findings, not refusals.
 */
export interface SiteRequirements {
  checklist: readonly ChecklistItem[];
  minPhotos: number;
  testTransaction: boolean;
}

const item = (name: string, mustPass = true): ChecklistItem => ({ item: name, mustPass });

export const siteRequirements: Record<Kind, SiteRequirements> = {
  install: {
    checklist: [
      item('unit_intact'),
      item('serial_matches'),
      item('key_loaded'),
      item('network_ok'),
      item('printer_ok'),
      item('acceptance_sign'),
      item('merchant_trained'),
    ],
    minPhotos: 1,
    testTransaction: true,
  },
  inspection: {
    checklist: [
      item('serial_matches', false),
      item('address_matches', false),
      item('no_tampering', false),
      item('acceptance_sign', false),
      item('business_as_registered', false),
      item('merchant_trained', false),
    ],
    minPhotos: 1,
    testTransaction: false,
  },
  repair: {
    checklist: [item('fault_confirmed'), item('fault_fixed'), item('network_ok'), item('printer_ok')],
    minPhotos: 0,
    testTransaction: true,
  },
  relocation: {
    checklist: [item('address_matches'), item('serial_matches'), item('network_ok'), item('acceptance_sign')],
    minPhotos: 1,
    testTransaction: true,
  },
  retrieval: {
    checklist: [item('unit_recovered'), item('accessories_recovered'), item('acceptance_sign_removed')],
    minPhotos: 0,
    testTransaction: false,
  },
};

/** Document kinds a work order takes: site photos and the merchant's signature. */
export const SITE_PHOTO = 'site_photo';
export const SIGNATURE = 'signature';
export const WORK_ORDER_OWNER = 'work_order';

import { z } from 'zod';
import { idSchema, isoTime, pageQuery } from './api';

/**
 * 机具管理 — the terminal catalogue (models, suppliers), warehouses and the terminal ledger (机具台账).
 * Every unit has a serial number, a model, a status on its lifecycle, and is either in a warehouse or
 * bound to exactly one merchant (MID, TID, credit code, settlement account, deployment address).
 */

const money = z.string().regex(/^\d{1,15}$/, 'a whole number of fen');

export const terminalType = z.enum(['traditional', 'smart', 'qr_box']);
export type TerminalType = z.infer<typeof terminalType>;

export const terminalCapability = z.enum(['magstripe', 'ic', 'contactless', 'qr', 'printer']);
export type TerminalCapability = z.infer<typeof terminalCapability>;

export const terminalModelInput = z.strictObject({
  brand: z.string().trim().min(1).max(50),
  model: z.string().trim().min(1).max(50),
  type: terminalType,
  capabilities: z.array(terminalCapability).min(1),
  unitPriceMinor: money,
});
export type TerminalModelInput = z.infer<typeof terminalModelInput>;

export const terminalModel = terminalModelInput.extend({
  id: idSchema,
  status: z.enum(['active', 'retired']),
  /** Units in the ledger, by status group. */
  units: z.number().int(),
  createdAt: isoTime,
});
export type TerminalModel = z.infer<typeof terminalModel>;

export const supplierInput = z.strictObject({
  name: z.string().trim().min(2).max(100),
  /** 资质: licence number, certifications (e.g. UnionPay PTS). */
  qualification: z.string().trim().min(2).max(500),
  contactName: z.string().trim().min(2).max(50),
  contactPhone: z.string().trim().min(5).max(20),
  /** 1 (poor) … 5 (excellent). */
  rating: z.number().int().min(1).max(5),
});
export type SupplierInput = z.infer<typeof supplierInput>;

export const supplier = supplierInput.extend({
  id: idSchema,
  status: z.enum(['active', 'suspended']),
  createdAt: isoTime,
});
export type Supplier = z.infer<typeof supplier>;

export const warehouse = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  orgId: idSchema,
  orgName: z.string(),
  kind: z.enum(['org', 'agent']),
  units: z.number().int(),
});
export type Warehouse = z.infer<typeof warehouse>;

/** 机具生命周期. */
export const terminalStatus = z.enum([
  'in_stock',
  'allocated',
  'installed',
  'active',
  'faulty',
  'in_repair',
  'retired',
  'lost',
  'scrapped',
]);
export type TerminalStatus = z.infer<typeof terminalStatus>;

/** What a person may do to a terminal through the ledger (installation goes through its work order). */
export const terminalEvent = z.enum([
  'report_fault',
  'send_to_repair',
  'repaired',
  'retire',
  'report_lost',
  'found',
]);
export type TerminalEvent = z.infer<typeof terminalEvent>;

/** The binding of an installed terminal: one merchant, one TID, one address (no 一机多码, no 一机多户). */
export const terminalBinding = z.object({
  merchantId: idSchema,
  mid: z.string(),
  merchantName: z.string(),
  tid: z.string(),
  creditCode: z.string(),
  /** The settlement account, masked. */
  accountMasked: z.string(),
  divisionCode: z.string(),
  address: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  boundAt: isoTime,
});
export type TerminalBinding = z.infer<typeof terminalBinding>;

export const terminalListItem = z.object({
  id: idSchema,
  serialNo: z.string(),
  modelId: idSchema,
  modelName: z.string(),
  status: terminalStatus,
  orgId: idSchema,
  orgName: z.string(),
  warehouseId: idSchema.nullable(),
  warehouseName: z.string().nullable(),
  tid: z.string().nullable(),
  mid: z.string().nullable(),
  merchantId: idSchema.nullable(),
  merchantName: z.string().nullable(),
  firmwareVersion: z.string().nullable(),
  lastHeartbeatAt: isoTime.nullable(),
  installedAt: isoTime.nullable(),
  createdAt: isoTime,
});
export type TerminalListItem = z.infer<typeof terminalListItem>;

export const terminalHistoryEntry = z.object({
  at: isoTime,
  event: z.string(),
  fromStatus: terminalStatus.nullable(),
  toStatus: terminalStatus,
  actorName: z.string(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});

export const terminalDetail = terminalListItem.extend({
  supplierId: idSchema.nullable(),
  supplierName: z.string().nullable(),
  purchasedAt: isoTime.nullable(),
  binding: terminalBinding.nullable(),
  /** Key check value of the injected TMK (3DES of zeros, first 4 bytes); never the key. */
  tmkCheckValue: z.string().nullable(),
  tmkInjectedAt: isoTime.nullable(),
  allowedEvents: z.array(terminalEvent),
  history: z.array(terminalHistoryEntry),
});
export type TerminalDetail = z.infer<typeof terminalDetail>;

export const terminalListQuery = pageQuery.extend({
  /** A serial number or TID (exact), or a serial prefix. */
  q: z.string().trim().max(64).optional(),
  status: terminalStatus.optional(),
  modelId: idSchema.optional(),
  /** That org and its subtree. */
  orgId: idSchema.optional(),
  warehouseId: idSchema.optional(),
  merchantId: idSchema.optional(),
});
export type TerminalListQuery = z.infer<typeof terminalListQuery>;

/** One refused row of an import: its line number in the file, the column, why. */
export const importRowError = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  /** In English; `key` and `params` are the same message for the console to translate (`messages.<key>`). */
  message: z.string(),
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ImportRowError = z.infer<typeof importRowError>;

export const terminalImportResult = z.object({
  imported: z.number().int(),
  /** Non-empty: nothing was imported (all or nothing). */
  errors: z.array(importRowError),
});
export type TerminalImportResult = z.infer<typeof terminalImportResult>;

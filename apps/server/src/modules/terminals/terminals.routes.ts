import fastifyMultipart from '@fastify/multipart';
import {
  idSchema,
  supplier,
  supplierInput,
  terminalDetail,
  terminalEvent,
  terminalImportResult,
  terminalListItem,
  terminalListQuery,
  terminalModel,
  terminalModelInput,
  warehouse,
} from '@posops/contracts';
import { AppError } from '@posops/kernel';
import { z } from 'zod';
import { contextOf, type ZodApp } from '../../platform/http/app';
import type { ModuleDeps } from '../../platform/module';
import { maintenanceArchive } from './archive.service';
import { campaignRoutes } from './campaigns.routes';
import {
  createSupplier,
  createTerminalModel,
  retireTerminalModel,
  suppliers,
  terminalModels,
  updateSupplierDetails,
  updateTerminalModel,
} from './catalogue.service';
import { checkInternalToken, listAlerts, recordHeartbeats } from './heartbeats.service';
import { fleetOverview } from './overview.service';
import {
  getProcurement,
  listProcurements,
  orderProcurement,
  receiveGoods,
  requestProcurement,
} from './procurement.service';
import { requestScrap } from './scrap.service';
import { setStockThreshold, stockLevels } from './stock.service';
import {
  getStocktake,
  listStocktakes,
  reportStocktake,
  scanStocktake,
  startStocktake,
} from './stocktake.service';
import { exportTerminalWorkbook } from './terminals.export';
import { importTerminals } from './terminals.import';
import {
  getTerminal,
  getTerminalBySerial,
  listTerminals,
  moveTerminal,
  openTerminalWorkOrder,
  warehouses,
} from './terminals.service';
import {
  closeTransfer,
  dispatchTransfer,
  getTransfer,
  listTransfers,
  TRANSFER_UNITS_MAX,
} from './transfers.service';

const params = z.object({ id: idSchema });
const tags = ['terminals'];
const IMPORT_FILE_BYTES_MAX = 20 * 1024 * 1024;

export function terminalRoutes(deps: ModuleDeps) {
  return async (app: ZodApp) => {
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps);
    await app.register(fastifyMultipart, {
      limits: {
        fileSize: IMPORT_FILE_BYTES_MAX,
        files: 1,
        fields: 2,
        fieldSize: 100,
        parts: 3,
        headerPairs: 20,
      },
      throwFileSizeLimit: true,
    });
    // 远程升级: releases, campaigns and the terminal host's question (campaigns.routes.ts).
    await campaignRoutes(deps)(app);

    app.get(
      '/api/terminal-models',
      {
        config: { access: 'terminal.read' },
        schema: { tags, summary: '机型目录', response: { 200: z.object({ items: z.array(terminalModel) }) } },
      },
      async (request) => terminalModels(ctx(request)),
    );
    app.post(
      '/api/terminal-models',
      {
        config: { access: 'catalogue.manage' },
        schema: {
          tags,
          summary: 'Add a terminal model',
          body: terminalModelInput,
          response: { 201: terminalModel },
        },
      },
      async (request, reply) => reply.status(201).send(await createTerminalModel(ctx(request), request.body)),
    );
    app.put(
      '/api/terminal-models/:id',
      {
        config: { access: 'catalogue.manage' },
        schema: {
          tags,
          summary: 'Edit a terminal model',
          params,
          body: terminalModelInput,
          response: { 200: terminalModel },
        },
      },
      async (request) => updateTerminalModel(ctx(request), request.params.id, request.body),
    );
    app.post(
      '/api/terminal-models/:id/retire',
      {
        config: { access: 'catalogue.manage' },
        schema: { tags, summary: 'Retire a model (no new units)', params, response: { 200: terminalModel } },
      },
      async (request) => retireTerminalModel(ctx(request), request.params.id),
    );
    app.get(
      '/api/suppliers',
      {
        config: { access: 'terminal.read' },
        schema: { tags, summary: '供应商', response: { 200: z.object({ items: z.array(supplier) }) } },
      },
      async (request) => suppliers(ctx(request)),
    );
    app.post(
      '/api/suppliers',
      {
        config: { access: 'catalogue.manage' },
        schema: { tags, summary: 'Add a supplier', body: supplierInput, response: { 201: supplier } },
      },
      async (request, reply) => reply.status(201).send(await createSupplier(ctx(request), request.body)),
    );
    app.put(
      '/api/suppliers/:id',
      {
        config: { access: 'catalogue.manage' },
        schema: {
          tags,
          summary: 'Edit a supplier',
          params,
          body: supplierInput,
          response: { 200: supplier },
        },
      },
      async (request) => updateSupplierDetails(ctx(request), request.params.id, request.body),
    );
    app.get(
      '/api/warehouses',
      {
        config: { access: 'terminal.read' },
        schema: {
          tags,
          summary: 'Warehouses of my subtree',
          response: { 200: z.object({ items: z.array(warehouse) }) },
        },
      },
      async (request) => warehouses(ctx(request)),
    );
    app.get(
      '/api/terminals',
      {
        config: { access: 'terminal.read' },
        schema: {
          tags,
          summary: '机具台账: terminals of my subtree, newest first',
          querystring: terminalListQuery,
          response: {
            200: z.object({ items: z.array(terminalListItem), nextCursor: z.string().nullable() }),
          },
        },
      },
      async (request) => listTerminals(ctx(request), request.query),
    );
    app.get(
      '/api/terminals/export',
      {
        config: { access: 'terminal.read' },
        schema: {
          tags,
          summary: 'The filtered ledger as an Excel workbook',
          querystring: terminalListQuery.omit({ cursor: true, limit: true }),
        },
      },
      async (request, reply) => {
        const c = ctx(request);
        const stamp = new Date().toISOString().slice(0, 10);
        reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="terminals-${stamp}.xlsx"`);
        return reply.send(exportTerminalWorkbook(c, request.query, c.actor.locale));
      },
    );
    app.get(
      '/api/terminals/:id/archive',
      {
        config: { access: 'terminal.read' },
        schema: {
          tags,
          summary:
            '维护档案: purchase, locations over time, faults and repairs, field work with the engineers’ reports',
          params,
        },
      },
      async (request) => maintenanceArchive(ctx(request), request.params.id),
    );
    app.get(
      '/api/terminals/by-serial/:serialNo',
      {
        config: { access: 'terminal.read' },
        schema: {
          tags,
          summary: 'A terminal by its serial number (扫码查询)',
          params: z.object({ serialNo: z.string().trim().min(1).max(40) }),
          response: { 200: terminalDetail },
        },
      },
      async (request) => getTerminalBySerial(ctx(request), request.params.serialNo),
    );
    app.get(
      '/api/terminals/:id',
      {
        config: { access: 'terminal.read' },
        schema: {
          tags,
          summary: 'A terminal with its binding and history',
          params,
          response: { 200: terminalDetail },
        },
      },
      async (request) => getTerminal(ctx(request), request.params.id),
    );
    app.post(
      '/api/terminals/:id/events',
      {
        config: { access: 'terminal.manage' },
        schema: {
          tags,
          summary:
            'Report a fault, send to repair, mark repaired, retire, report lost or found, with the reason',
          params,
          body: z.strictObject({
            event: terminalEvent,
            reason: z.string().trim().min(2).max(500),
            /** 维修记录, with "repaired": what was wrong, what was replaced, what it cost, who repaired it. */
            repair: z
              .strictObject({
                cause: z.string().trim().min(2).max(200),
                parts: z.string().trim().max(200).optional(),
                costMinor: z
                  .string()
                  .regex(/^\d{1,12}$/, 'a whole number of fen')
                  .optional(),
                vendor: z.string().trim().max(100).optional(),
              })
              .optional(),
          }),
          response: { 200: terminalDetail },
        },
      },
      async (request) =>
        moveTerminal(
          ctx(request),
          request.params.id,
          request.body.event,
          request.body.reason,
          request.body.repair,
        ),
    );
    app.post(
      '/api/internal/heartbeats',
      {
        // Called by the terminal host (and, until it exists, by anything holding the internal token).
        config: { access: 'public' },
        schema: {
          tags: ['internal'],
          summary: 'Heartbeats of bound terminals (Authorization: Bearer INTERNAL_API_TOKEN)',
          body: z.strictObject({
            heartbeats: z
              .array(
                z.strictObject({
                  tid: z.string().regex(/^\d{8}$/, '8 digits'),
                  at: z.iso.datetime({ offset: true }),
                  firmwareVersion: z.string().trim().min(1).max(40).optional(),
                  appVersion: z.string().trim().min(1).max(40).optional(),
                  latitude: z.number().min(-90).max(90).optional(),
                  longitude: z.number().min(-180).max(180).optional(),
                }),
              )
              .min(1)
              .max(1000),
          }),
          response: { 200: z.object({ applied: z.number().int(), unknown: z.array(z.string()) }) },
        },
      },
      async (request) => {
        checkInternalToken(deps.config.INTERNAL_API_TOKEN, request.headers.authorization);
        return recordHeartbeats(
          deps,
          request.body.heartbeats.map((h) => ({ ...h, at: new Date(h.at) })),
        );
      },
    );
    app.get(
      '/api/terminal-alerts',
      {
        config: { access: 'terminal.read' },
        schema: {
          tags,
          summary: 'Offline and relocation alerts of my subtree, newest first',
          querystring: z.object({
            status: z.enum(['open', 'closed']).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
        },
      },
      async (request) => listAlerts(ctx(request), request.query),
    );
    app.get(
      '/api/stock-levels',
      {
        config: { access: 'terminal.read' },
        schema: { tags, summary: '低库存预警: thresholds per model per warehouse with the available stock' },
      },
      async (request) => stockLevels(ctx(request)),
    );
    app.put(
      '/api/stock-levels',
      {
        config: { access: 'terminal.transfer' },
        schema: {
          tags,
          summary: 'Set the minimum stock of a model in a warehouse (0 removes it)',
          body: z.strictObject({
            warehouseId: idSchema,
            modelId: idSchema,
            minUnits: z.number().int().min(0).max(100000),
          }),
        },
      },
      async (request) => setStockThreshold(ctx(request), request.body),
    );
    app.get(
      '/api/terminals/overview',
      {
        config: { access: 'terminal.read' },
        schema: {
          tags,
          summary: '机具总览: the fleet of my subtree by status, model, org, age, firmware, online rate',
        },
      },
      async (request) => fleetOverview(ctx(request)),
    );
    app.get(
      '/api/terminal-transfers',
      {
        config: { access: 'terminal.read' },
        schema: {
          tags,
          summary: 'Transfers to my subtree, newest first',
          querystring: z.object({
            status: z.enum(['in_transit', 'received', 'cancelled']).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
        },
      },
      async (request) => listTransfers(ctx(request), request.query),
    );
    app.get(
      '/api/terminal-transfers/:id',
      { config: { access: 'terminal.read' }, schema: { tags, summary: 'A transfer with its units', params } },
      async (request) => getTransfer(ctx(request), request.params.id),
    );
    app.post(
      '/api/terminal-transfers',
      {
        config: { access: 'terminal.transfer' },
        schema: {
          tags,
          summary: '调拨: dispatch units from one warehouse to another (下发 to an agent, 回拨 from it)',
          body: z.strictObject({
            fromWarehouseId: idSchema,
            toWarehouseId: idSchema,
            serialNos: z.array(z.string().trim().min(1).max(40)).min(1).max(TRANSFER_UNITS_MAX),
            reason: z.string().trim().min(2).max(500),
          }),
        },
      },
      async (request, reply) => reply.status(201).send(await dispatchTransfer(ctx(request), request.body)),
    );
    for (const outcome of ['receive', 'cancel'] as const) {
      app.post(
        `/api/terminal-transfers/:id/${outcome}`,
        {
          config: { access: 'terminal.transfer' },
          schema: {
            tags,
            summary:
              outcome === 'receive'
                ? '签收: the units arrive at the destination'
                : 'Withdraw a transfer in transit',
            params,
          },
        },
        async (request) => closeTransfer(ctx(request), request.params.id, outcome),
      );
    }
    app.post(
      '/api/terminals/:id/work-orders',
      {
        config: { access: 'terminal.manage' },
        schema: {
          tags,
          summary: 'Open a repair, inspection or retrieval work order for a unit at a merchant',
          params,
          body: z.strictObject({
            kind: z.enum(['repair', 'inspection', 'retrieval']),
            note: z.string().trim().min(2).max(500),
          }),
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await openTerminalWorkOrder(
              ctx(request),
              request.params.id,
              request.body.kind,
              request.body.note,
            ),
          ),
    );
    app.post(
      '/api/terminal-alerts/:id/work-order',
      {
        config: { access: 'terminal.manage' },
        schema: {
          tags,
          summary: 'Open the work order an alert calls for (offline: repair; relocated: inspection)',
          params,
        },
      },
      async (request, reply) => {
        const c = ctx(request);
        const alert = await c.db
          .selectFrom('terminal_alerts')
          .select(['terminal_id', 'kind', 'status'])
          .where('id', '=', request.params.id)
          .executeTakeFirst();
        if (!alert) throw new AppError('NOT_FOUND', 'alert not found');
        const kind = alert.kind === 'offline' ? 'repair' : 'inspection';
        return reply
          .status(201)
          .send(
            await openTerminalWorkOrder(
              c,
              alert.terminal_id,
              kind,
              `alert ${request.params.id} (${alert.kind})`,
            ),
          );
      },
    );
    app.post(
      '/api/terminals/:id/scrap',
      {
        config: { access: 'terminal.manage' },
        schema: {
          tags,
          summary: '报废: ask approval to scrap a retired unit (written off once approved)',
          params,
          body: z.strictObject({ reason: z.string().trim().min(2).max(500) }),
          response: { 200: terminalDetail },
        },
      },
      async (request) => requestScrap(ctx(request), request.params.id, request.body.reason),
    );
    app.get(
      '/api/procurements',
      {
        config: { access: 'procurement.read' },
        schema: {
          tags: ['procurement'],
          summary: '采购申请 of my subtree, newest first',
          querystring: z.object({
            status: z
              .enum(['pending_approval', 'approved', 'rejected', 'ordered', 'received', 'closed'])
              .optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
        },
      },
      async (request) => listProcurements(ctx(request), request.query),
    );
    app.get(
      '/api/procurements/:id',
      {
        config: { access: 'procurement.read' },
        schema: { tags: ['procurement'], summary: 'A procurement request with its receipts', params },
      },
      async (request) => getProcurement(ctx(request), request.params.id),
    );
    app.post(
      '/api/procurements',
      {
        config: { access: 'procurement.manage' },
        schema: {
          tags: ['procurement'],
          summary: 'Request a purchase of terminals (goes to approval; amount thresholds add steps)',
          body: z.strictObject({
            modelId: idSchema,
            quantity: z.number().int().min(1).max(100000),
            reason: z.string().trim().min(2).max(500),
            neededBy: z.iso.date(),
            warehouseId: idSchema,
          }),
        },
      },
      async (request, reply) => reply.status(201).send(await requestProcurement(ctx(request), request.body)),
    );
    app.post(
      '/api/procurements/:id/order',
      {
        config: { access: 'procurement.manage' },
        schema: {
          tags: ['procurement'],
          summary: 'Order an approved request from a supplier',
          params,
          body: z.strictObject({ supplierId: idSchema }),
        },
      },
      async (request) => orderProcurement(ctx(request), request.params.id, request.body.supplierId),
    );
    app.post(
      '/api/procurements/:id/receipts',
      {
        config: { access: 'procurement.manage' },
        schema: {
          tags: ['procurement'],
          summary: '到货验收: serial numbers accepted into stock, rejects returned with their reason',
          params,
          body: z.strictObject({
            accepted: z.array(z.string().trim().min(1).max(40)).max(50000),
            rejected: z
              .array(
                z.strictObject({
                  serialNo: z.string().trim().min(1).max(40),
                  reason: z.string().trim().min(2).max(200),
                }),
              )
              .max(50000)
              .default([]),
            firmware: z.string().trim().min(1).max(40).optional(),
          }),
        },
      },
      async (request) => receiveGoods(ctx(request), request.params.id, request.body),
    );
    app.get(
      '/api/stocktakes',
      {
        config: { access: 'terminal.read' },
        schema: {
          tags,
          summary: '盘点 of my subtree, newest first',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        },
      },
      async (request) => listStocktakes(ctx(request), request.query.limit),
    );
    app.get(
      '/api/stocktakes/:id',
      {
        config: { access: 'terminal.read' },
        schema: { tags, summary: 'A stocktake with its discrepancies', params },
      },
      async (request) => getStocktake(ctx(request), request.params.id),
    );
    app.post(
      '/api/stocktakes',
      {
        config: { access: 'terminal.transfer' },
        schema: {
          tags,
          summary: 'Start counting a warehouse',
          body: z.strictObject({ warehouseId: idSchema }),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await startStocktake(ctx(request), request.body.warehouseId)),
    );
    app.post(
      '/api/stocktakes/:id/scans',
      {
        config: { access: 'terminal.transfer' },
        schema: {
          tags,
          summary: 'Serial numbers scanned on the shelf',
          params,
          body: z.strictObject({ serialNos: z.array(z.string().trim().min(1).max(40)).min(1).max(10000) }),
        },
      },
      async (request) => scanStocktake(ctx(request), request.params.id, request.body.serialNos),
    );
    app.post(
      '/api/stocktakes/:id/report',
      {
        config: { access: 'terminal.transfer' },
        schema: {
          tags,
          summary: 'Close the count: discrepancies to approval (write-off, corrections)',
          params,
        },
      },
      async (request) => reportStocktake(ctx(request), request.params.id),
    );
    app.post(
      '/api/terminals/import',
      {
        config: { access: 'terminal.import' },
        schema: {
          tags,
          summary: 'Import serial numbers into a warehouse (multipart: warehouseId, file: CSV or .xlsx)',
          description:
            'Columns serial_no, brand, model, supplier, purchased_at, firmware (or 序列号, 品牌, 型号, 供应商, 采购日期, 固件版本). ' +
            'All or nothing: with any bad row nothing is imported and every problem is listed by row and column.',
          consumes: ['multipart/form-data'],
          response: { 200: terminalImportResult },
        },
      },
      async (request) => {
        let warehouseId: string | undefined;
        let file: { name: string; bytes: Buffer } | undefined;
        try {
          for await (const part of request.parts()) {
            if (part.type === 'file') file = { name: part.filename, bytes: await part.toBuffer() };
            else if (part.fieldname === 'warehouseId') warehouseId = String(part.value);
            else
              throw new AppError('VALIDATION_FAILED', `unknown field ${part.fieldname}`, {
                [part.fieldname]: 'unknown field',
              });
          }
        } catch (error) {
          if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            const message = `the file is larger than ${IMPORT_FILE_BYTES_MAX} bytes`;
            throw new AppError('PAYLOAD_TOO_LARGE', message, { file: message });
          }
          if ((error as { code?: string }).code === 'FST_INVALID_MULTIPART_CONTENT_TYPE')
            throw new AppError('VALIDATION_FAILED', 'send the file as multipart/form-data');
          throw error;
        }
        const missing: Record<string, string> = {};
        if (!warehouseId || !idSchema.safeParse(warehouseId).success)
          missing.warehouseId = 'required: a warehouse id';
        if (!file) missing.file = 'required: one file';
        if (Object.keys(missing).length > 0)
          throw new AppError('VALIDATION_FAILED', 'incomplete form', missing);
        return importTerminals(ctx(request), {
          warehouseId: warehouseId!,
          fileName: file!.name,
          bytes: file!.bytes,
        });
      },
    );
  };
}

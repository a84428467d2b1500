/** Terminals for tests: stock imported through the real API, as procurement would. */
import { expect } from 'vitest';
import type { Client, TestApp } from './app';

/** Sends a file to the import API; the answer as it came. */
export async function importFile(
  app: TestApp,
  client: Client,
  warehouseId: string,
  file: { bytes: Uint8Array; name: string; type?: string },
) {
  const form = new FormData();
  form.append('warehouseId', warehouseId);
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'text/csv' }), file.name);
  const headers: Record<string, string> = {};
  if (client.cookie) headers.cookie = client.cookie;
  if (client.csrfToken) headers['x-csrf-token'] = client.csrfToken;
  const response = await fetch(`${app.baseUrl}/api/terminals/import`, {
    method: 'POST',
    headers,
    body: form,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

export async function warehouseIdOf(app: TestApp, orgCode: string): Promise<string> {
  const row = await app.db
    .selectFrom('warehouses as w')
    .innerJoin('orgs as o', 'o.id', 'w.org_id')
    .select('w.id')
    .where('o.code', '=', orgCode)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Puts these serial numbers in stock at an org's warehouse (default: the Chaoyang outlet, PAX A920). */
export async function stockTerminals(
  app: TestApp,
  serials: string[],
  options: { org?: string; brand?: string; model?: string } = {},
) {
  const procurement = await app.as('procurement');
  const lines = [
    'serial_no,brand,model',
    ...serials.map((s) => `${s},${options.brand ?? 'PAX'},${options.model ?? 'A920'}`),
  ];
  const result = await importFile(app, procurement, await warehouseIdOf(app, options.org ?? 'BJCY'), {
    bytes: Buffer.from(lines.join('\n')),
    name: 'stock.csv',
  });
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  expect(result.body.errors).toEqual([]);
}

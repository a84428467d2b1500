import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, orgId, startTestApp, type TestApp, userId } from '../../../test/app';
import { jpeg, pdf, png } from '../../../test/files';
import { createLocalDocumentStorage, documentsOf, registerDocumentOwner } from '.';
import { contentDisposition, sanitiseFileName } from './documents.content';

// ── real files, made here (more in test/files.ts) ──
/** A ZIP archive with one stored file. */
function zip(): Uint8Array {
  const name = Buffer.from('readme.txt');
  const data = Buffer.from('not a pdf\n');
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(local.length + name.length + data.length, 16);
  return new Uint8Array(Buffer.concat([local, name, data, central, name, end]));
}

/** The start of a 64-bit Linux executable. */
function elf(): Uint8Array {
  const bytes = new Uint8Array(256);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]);
  bytes.set([0x02, 0x00, 0x3e, 0x00, 0x01, 0x00, 0x00, 0x00], 16);
  return bytes;
}

/** The start of a Windows executable ("MZ", DOS stub, PE header). */
function exe(): Uint8Array {
  const bytes = new Uint8Array(256);
  bytes.set([0x4d, 0x5a, 0x90, 0x00]);
  bytes.set([0x80], 0x3c);
  bytes.set([0x50, 0x45, 0x00, 0x00], 0x80);
  return bytes;
}

const text = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// ── the app and a test owner ──

const MAX = 64 * 1024;
let app: TestApp;
let dataDir: string;
let frontdesk: Client;
let shOps: Client;
let risk: Client;
let analyst: Client;
let bjcy: string;
let sh: string;

/** Folders: a test owner type whose org and "still open" flag the test controls. */
const folders = new Map<string, { orgId: string; open: boolean }>();

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'posops-documents-'));
  app = await startTestApp({ DATA_DIR: dataDir, DOCUMENT_MAX_BYTES: String(MAX) });
  bjcy = await orgId(app, 'BJCY');
  sh = await orgId(app, 'SH');
  folders.set('f-bjcy', { orgId: bjcy, open: true });
  folders.set('f-closed', { orgId: bjcy, open: false });
  folders.set('f-sh', { orgId: sh, open: true });
  // A well-behaved owner: looks its org up through the caller's scoped connection.
  registerDocumentOwner('test.folder', {
    kinds: ['photo', 'scan'],
    orgOf: async (db, id) => {
      const folder = folders.get(id);
      if (!folder) return null;
      const seen = await db.selectFrom('orgs').select('id').where('id', '=', folder.orgId).executeTakeFirst();
      return seen ? folder.orgId : null;
    },
    canChange: async (_db, id) => folders.get(id)?.open ?? false,
  });
  // A careless owner that ignores the caller's scope: the store must still refuse other branches.
  registerDocumentOwner('test.careless', {
    kinds: ['photo'],
    orgOf: async (_db, id) => folders.get(id)?.orgId ?? null,
    canChange: async () => true,
  });
  frontdesk = await app.as('frontdesk');
  shOps = await app.as('sh.ops');
  risk = await app.as('risk');
  analyst = await app.as('analyst');
});

afterAll(async () => {
  await app?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface Upload {
  ownerType?: string;
  ownerId?: string;
  kind?: string;
  file?: { bytes: Uint8Array; name: string; type?: string } | null;
  extra?: [string, string | { bytes: Uint8Array; name: string }][];
  fileFirst?: boolean;
}

/** A real multipart request, built by FormData, sent with the client's cookie (and CSRF token). */
async function upload(client: Client, u: Upload, options: { csrf?: boolean } = {}) {
  const form = new FormData();
  const file = u.file === undefined ? { bytes: jpeg(), name: 'photo.jpg', type: 'image/jpeg' } : u.file;
  const addFile = () => {
    if (file)
      form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? '' }), file.name);
  };
  if (u.fileFirst) addFile();
  const fields = { ownerType: 'test.folder', ownerId: 'f-bjcy', kind: 'photo', ...u };
  for (const name of ['ownerType', 'ownerId', 'kind'] as const) {
    const value = fields[name];
    if (value !== undefined && value !== '∅') form.append(name, value);
  }
  if (!u.fileFirst) addFile();
  for (const [name, value] of u.extra ?? []) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, new Blob([new Uint8Array(value.bytes)]), value.name);
  }
  const headers: Record<string, string> = {};
  if (client.cookie) headers.cookie = client.cookie;
  if (options.csrf !== false && client.csrfToken) headers['x-csrf-token'] = client.csrfToken;
  app.clock.advance(1000); // one upload a second: "oldest first" is then one order
  const response = await fetch(`${app.baseUrl}/api/documents`, { method: 'POST', headers, body: form });
  const body = await response.text();
  return { status: response.status, body: body ? JSON.parse(body) : null };
}

async function content(client: Client, id: string) {
  const response = await fetch(`${app.baseUrl}/api/documents/${id}/content`, {
    headers: client.cookie ? { cookie: client.cookie } : {},
  });
  return {
    status: response.status,
    headers: response.headers,
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}

/** Every file under DATA_DIR/documents, temporary ones included. */
function storedFiles(): string[] {
  const root = path.join(dataDir, 'documents');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

async function documentRows() {
  return app.db.selectFrom('documents').selectAll().orderBy('uploaded_at').execute();
}

/** Runs a refused upload and checks that nothing at all was stored. */
async function refused(client: Client, u: Upload, options: { csrf?: boolean } = {}) {
  const rows = (await documentRows()).length;
  const files = storedFiles().length;
  const audits = await app.db
    .selectFrom('audit_log')
    .select('id')
    .where('object_type', '=', 'document')
    .execute();
  const response = await upload(client, u, options);
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect((await documentRows()).length).toBe(rows);
  expect(storedFiles().length).toBe(files);
  const after = await app.db
    .selectFrom('audit_log')
    .select('id')
    .where('object_type', '=', 'document')
    .execute();
  expect(after.length).toBe(audits.length);
  return response;
}

describe('uploading documents', () => {
  it('stores a JPEG, then serves the identical bytes with the sniffed type for preview', async () => {
    const bytes = jpeg();
    const response = await upload(frontdesk, {
      kind: 'photo',
      file: { bytes, name: '身份证 正面.jpg', type: 'application/octet-stream' },
    });
    expect(response.status).toBe(201);
    const document = response.body;
    expect(document).toEqual({
      id: expect.any(String),
      ownerType: 'test.folder',
      ownerId: 'f-bjcy',
      kind: 'photo',
      fileName: '身份证 正面.jpg',
      contentType: 'image/jpeg',
      sizeBytes: bytes.length,
      sha256: sha256(bytes),
      uploadedBy: await userId(app, 'frontdesk'),
      uploadedAt: app.clock.now().toISOString(),
    });
    expect(document).not.toHaveProperty('storageKey');

    const now = app.clock.now();
    const month = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    const file = path.join(dataDir, 'documents', ...month.split('/'), document.id);
    expect(new Uint8Array(readFileSync(file))).toEqual(bytes);
    const row = (await documentRows()).find((r) => r.id === document.id)!;
    expect(row).toMatchObject({ org_id: bjcy, storage_key: `${month}/${document.id}`, deleted_at: null });

    const served = await content(frontdesk, document.id);
    expect(served.status).toBe(200);
    expect(served.bytes).toEqual(bytes);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('cache-control')).toBe('private, no-store');
    expect(served.headers.get('content-disposition')).toBe(
      `inline; filename="___ __.jpg"; filename*=UTF-8''${encodeURIComponent('身份证 正面.jpg')}`,
    );

    const meta = await frontdesk.get(`/api/documents/${document.id}`);
    expect(meta.status).toBe(200);
    expect(meta.body).toEqual(document);
  });

  it('tells a PDF by its content, whatever name and type the client gave', async () => {
    const bytes = pdf();
    const response = await upload(frontdesk, {
      kind: 'scan',
      file: { bytes, name: 'lease.png', type: 'image/png' },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      contentType: 'application/pdf',
      fileName: 'lease.png',
      kind: 'scan',
    });
    const served = await content(frontdesk, response.body.id);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(served.bytes).toEqual(bytes);
  });

  it('takes a PNG, fields after the file, and a file name with directories and control characters', async () => {
    const bytes = png();
    const response = await upload(frontdesk, {
      fileFirst: true,
      file: { bytes, name: '../../etc/\u202egpj.exe\u0007 门头照.png', type: 'text/plain' },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ contentType: 'image/png', fileName: 'gpj.exe 门头照.png' });
    expect((await content(frontdesk, response.body.id)).bytes).toEqual(bytes);
  });

  it('takes a file of exactly DOCUMENT_MAX_BYTES', async () => {
    const bytes = new Uint8Array(MAX);
    bytes.set(jpeg());
    const response = await upload(frontdesk, { file: { bytes, name: 'big.jpg' } });
    expect(response.status).toBe(201);
    expect(response.body.sizeBytes).toBe(MAX);
  });

  it("lists an owner's documents, oldest first, for other modules too", async () => {
    const response = await frontdesk.get('/api/documents?ownerType=test.folder&ownerId=f-bjcy');
    expect(response.status).toBe(200);
    expect(response.body.items.map((d: { fileName: string }) => d.fileName)).toEqual([
      '身份证 正面.jpg',
      'lease.png',
      'gpj.exe 门头照.png',
      'big.jpg',
    ]);
    const direct = await documentsOf(app.db, 'test.folder', 'f-bjcy');
    expect(direct).toEqual(response.body.items);
    expect(await documentsOf(app.db, 'test.folder', 'f-empty')).toEqual([]);
  });
});

describe('refusing what is not a document', () => {
  it('refuses an ELF executable named photo.jpg (415, naming what it is, nothing stored)', async () => {
    const response = await refused(frontdesk, {
      file: { bytes: elf(), name: 'photo.jpg', type: 'image/jpeg' },
    });
    expect(response.status).toBe(415);
    expect(response.body.code).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
    expect(response.body.message).toBe(
      'photo.jpg is an ELF executable (application/x-elf); accepted are JPEG, PNG or WebP images, or PDF',
    );
    expect(response.body.fields).toEqual({ file: response.body.message });
  });

  it('refuses a Windows executable, a ZIP renamed .pdf, HTML named .png and a script named .jpg', async () => {
    const cases: [Uint8Array, string, string][] = [
      [exe(), 'scan.jpg', 'a Windows executable (PE)'],
      [zip(), 'lease.pdf', 'a ZIP archive (application/zip)'],
      [text('<!DOCTYPE html><html><script>alert(1)</script></html>'), 'logo.png', 'an HTML document'],
      [text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'logo.png', 'an SVG image'],
      [text('#!/bin/sh\nrm -rf /\n'), 'photo.jpg', 'a script (#!)'],
      [text('just some words'), 'note.pdf', 'plain text'],
    ];
    for (const [bytes, name, what] of cases) {
      const response = await refused(frontdesk, { file: { bytes, name, type: 'image/jpeg' } });
      expect(response.status, name).toBe(415);
      expect(response.body.code).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
      expect(response.body.message).toContain(`${name} is ${what}`);
    }
  });

  it('refuses an empty file (400) and an oversize one (413)', async () => {
    const empty = await refused(frontdesk, { file: { bytes: new Uint8Array(), name: 'empty.jpg' } });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: { file: 'the file is empty' } });

    const bytes = new Uint8Array(MAX + 1);
    bytes.set(jpeg());
    const big = await refused(frontdesk, { file: { bytes, name: 'big.jpg' } });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      fields: { file: `the file is larger than ${MAX} bytes` },
    });
  });

  it('refuses a form without its file or fields, with a second file or an unknown field', async () => {
    const noFile = await refused(frontdesk, { file: null });
    expect(noFile.status).toBe(400);
    expect(noFile.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: { file: 'required: one file' } });

    const noKind = await refused(frontdesk, { kind: '∅', ownerId: '∅' });
    expect(noKind.status).toBe(400);
    expect(noKind.body.fields).toEqual({ kind: 'required', ownerId: 'required' });

    const two = await refused(frontdesk, { extra: [['file', { bytes: jpeg(), name: 'second.jpg' }]] });
    expect(two.status).toBe(400);
    expect(two.body.fields).toEqual({ file: 'one file per request' });

    const unknown = await refused(frontdesk, { extra: [['merchantId', 'x']] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields).toEqual({ merchantId: 'unknown field' });
  });

  it('refuses a JSON body: documents come as multipart/form-data', async () => {
    const rows = (await documentRows()).length;
    const response = await frontdesk.post('/api/documents', { ownerType: 'test.folder', ownerId: 'f-bjcy' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'send the document as multipart/form-data',
    });
    expect((await documentRows()).length).toBe(rows);
  });

  it('refuses an unknown kind or owner type, naming the field', async () => {
    const kind = await refused(frontdesk, { kind: 'selfie' });
    expect(kind.status).toBe(400);
    expect(kind.body.fields).toEqual({
      kind: 'selfie is not a document kind of test.folder (one of: photo, scan)',
    });
    const type = await refused(frontdesk, { ownerType: 'test.nothing' });
    expect(type.status).toBe(400);
    expect(type.body.fields.ownerType).toMatch(/^no document owner type test\.nothing/);
    const bad = await refused(frontdesk, { ownerId: '../../etc/passwd' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields)).toEqual(['ownerId']);
  });

  it('refuses an owner that no longer takes documents (409)', async () => {
    const response = await refused(frontdesk, { ownerId: 'f-closed' });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('DOCUMENT_OWNER_LOCKED');
    expect(response.body.message).toBe('test.folder f-closed no longer accepts document changes');
  });
});

describe('who may do what', () => {
  let shDocument: string;
  let bjDocument: string;

  beforeAll(async () => {
    const created = await upload(shOps, { ownerId: 'f-sh', file: { bytes: png(), name: '上海.png' } });
    expect(created.status).toBe(201);
    shDocument = created.body.id;
    bjDocument = (await frontdesk.get('/api/documents?ownerType=test.folder&ownerId=f-bjcy')).body.items[0]
      .id;
  });

  it("answers 404 for another branch's owner, also when its module does not scope itself", async () => {
    const scoped = await refused(frontdesk, { ownerId: 'f-sh' });
    expect(scoped.status).toBe(404);
    expect(scoped.body.code).toBe('NOT_FOUND');
    const careless = await refused(frontdesk, { ownerType: 'test.careless', ownerId: 'f-sh' });
    expect(careless.status).toBe(404);
    expect(careless.body.code).toBe('NOT_FOUND');
    const list = await frontdesk.get('/api/documents?ownerType=test.folder&ownerId=f-sh');
    expect(list.status).toBe(404);
    expect(await documentsOf(app.db, 'test.folder', 'f-sh')).toHaveLength(1);
  });

  it("answers 404 for another branch's document, which stays", async () => {
    for (const [client, id] of [
      [frontdesk, shDocument],
      [shOps, bjDocument],
    ] as const) {
      expect((await client.get(`/api/documents/${id}`)).status).toBe(404);
      expect((await content(client, id)).status).toBe(404);
      const removed = await client.delete(`/api/documents/${id}`);
      expect(removed.status).toBe(404);
      expect(removed.body.code).toBe('NOT_FOUND');
    }
    const rows = await documentRows();
    expect(rows.filter((r) => [shDocument, bjDocument].includes(r.id) && r.deleted_at === null)).toHaveLength(
      2,
    );
  });

  it('lets head office read every branch, but a read-only role neither uploads nor deletes (403)', async () => {
    expect((await risk.get(`/api/documents/${shDocument}`)).status).toBe(200);
    expect((await content(risk, bjDocument)).status).toBe(200);
    const denied = await refused(risk, {});
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('FORBIDDEN');
    expect((await risk.delete(`/api/documents/${bjDocument}`)).body.code).toBe('FORBIDDEN');
  });

  it('refuses a user without the permissions (403), and a write without the CSRF token (403)', async () => {
    const denied = await refused(analyst, {});
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('FORBIDDEN');
    expect((await analyst.get('/api/documents?ownerType=test.folder&ownerId=f-bjcy')).status).toBe(403);
    expect((await content(analyst, bjDocument)).status).toBe(403);
    const forged = await refused(frontdesk, {}, { csrf: false });
    expect(forged.status).toBe(403);
    expect(forged.body.code).toBe('CSRF_TOKEN_INVALID');
    const stranger = await refused(app.client(), {});
    expect(stranger.status).toBe(401);
  });
});

describe('deleting documents', () => {
  it('removes a document from the list and its content, keeping the file and the row (soft delete)', async () => {
    const created = await upload(frontdesk, { file: { bytes: png(), name: 'wrong.png' } });
    expect(created.status).toBe(201);
    const id = created.body.id;
    app.clock.advance(60_000);
    const removed = await frontdesk.delete(`/api/documents/${id}`);
    expect(removed.status).toBe(204);
    const list = await frontdesk.get('/api/documents?ownerType=test.folder&ownerId=f-bjcy');
    expect(list.body.items.map((d: { id: string }) => d.id)).not.toContain(id);
    expect((await frontdesk.get(`/api/documents/${id}`)).status).toBe(404);
    expect((await content(frontdesk, id)).status).toBe(404);
    expect((await frontdesk.delete(`/api/documents/${id}`)).status).toBe(404);
    const row = (await documentRows()).find((r) => r.id === id)!;
    expect(row.deleted_at).toEqual(app.clock.now());
    expect(row.deleted_by).toBe(await userId(app, 'frontdesk'));
    expect(storedFiles().some((f) => f.endsWith(id))).toBe(true);
  });

  it('refuses to delete once the owner no longer allows changes (409)', async () => {
    const created = await upload(frontdesk, { file: { bytes: pdf(), name: 'kept.pdf' } });
    folders.get('f-bjcy')!.open = false;
    try {
      const response = await frontdesk.delete(`/api/documents/${created.body.id}`);
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('DOCUMENT_OWNER_LOCKED');
      expect((await frontdesk.get(`/api/documents/${created.body.id}`)).status).toBe(200);
    } finally {
      folders.get('f-bjcy')!.open = true;
    }
  });

  it('audits uploads and deletions without the bytes, in the org of the document', async () => {
    const created = await upload(frontdesk, { file: { bytes: jpeg(), name: 'audited.jpg' } });
    await frontdesk.delete(`/api/documents/${created.body.id}`);
    const rows = await app.db
      .selectFrom('audit_log')
      .selectAll()
      .where('object_id', '=', created.body.id)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.action, r.object_type, r.org_id, r.actor_name])).toEqual([
      ['document.upload', 'document', bjcy, 'frontdesk'],
      ['document.delete', 'document', bjcy, 'frontdesk'],
    ]);
    expect(rows[0]!.after).toEqual(created.body);
    expect(rows[1]!.before).toEqual(created.body);
    expect(rows[1]!.after).toMatchObject({ deletedAt: app.clock.now().toISOString() });
    const audited = JSON.stringify(rows.map((r) => [r.before, r.after]));
    expect(audited).not.toContain(Buffer.from(jpeg()).toString('base64'));
    expect(audited).not.toContain('storage');
  });
});

describe('damaged files', () => {
  it('never serves bytes that do not match their SHA-256 (500 DOCUMENT_CORRUPT)', async () => {
    const created = await upload(frontdesk, { file: { bytes: pdf(), name: 'tampered.pdf' } });
    const file = storedFiles().find((f) => f.endsWith(created.body.id))!;
    const forged = pdf();
    forged[forged.length - 3] = 0x21; // same size, one byte changed
    writeFileSync(file, forged);
    const served = await content(frontdesk, created.body.id);
    expect(served.status).toBe(500);
    const body = JSON.parse(Buffer.from(served.bytes).toString('utf8'));
    expect(body.code).toBe('DOCUMENT_CORRUPT');
    expect(body.message).toContain('does not match its SHA-256');
    expect(served.headers.get('content-type')).toContain('application/json');

    writeFileSync(file, Buffer.concat([Buffer.from(pdf()), Buffer.from('appended')]));
    expect((await content(frontdesk, created.body.id)).status).toBe(500);
    rmSync(file);
    const missing = await content(frontdesk, created.body.id);
    expect(missing.status).toBe(500);
    expect(JSON.parse(Buffer.from(missing.bytes).toString('utf8')).message).toContain('the file is missing');
  });
});

describe('the local disk storage', () => {
  it('writes whole files through a temporary name, reads and deletes them, and refuses other keys', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'posops-storage-'));
    try {
      const storage = createLocalDocumentStorage(dir);
      const key = '2026/03/0b5e9f5c-3f3e-4c59-9a67-2f0d8f1f4a10';
      await storage.put(key, pdf());
      expect(readdirSync(path.join(dir, '2026', '03'))).toEqual(['0b5e9f5c-3f3e-4c59-9a67-2f0d8f1f4a10']);
      const chunks: Buffer[] = [];
      for await (const chunk of storage.get(key)) chunks.push(chunk as Buffer);
      expect(new Uint8Array(Buffer.concat(chunks))).toEqual(pdf());
      await storage.delete(key);
      await storage.delete(key);
      expect(readdirSync(path.join(dir, '2026', '03'))).toEqual([]);
      await expect(storage.put('../../etc/passwd', pdf())).rejects.toThrow('not a document storage key');
      expect(() => storage.get('2026/03/../../x')).toThrow('not a document storage key');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('file names', () => {
  it('keeps a safe name of at most 200 characters, with its extension', () => {
    expect(sanitiseFileName('C:\\Users\\王\\营业执照.pdf', 'pdf')).toBe('营业执照.pdf');
    expect(sanitiseFileName('  ..hidden.jpg ', 'jpg')).toBe('hidden.jpg');
    expect(sanitiseFileName('a"b*c:d<e>f?g|h.png', 'png')).toBe('a_b_c_d_e_f_g_h.png');
    expect(sanitiseFileName('\u0000\u202e', 'png')).toBe('document.png');
    expect(sanitiseFileName(undefined, 'pdf')).toBe('document.pdf');
    const long = sanitiseFileName(`${'长'.repeat(300)}.jpeg`, 'jpg');
    expect([...long]).toHaveLength(200);
    expect(long.endsWith('长.jpeg')).toBe(true);
  });

  it('encodes the name for Content-Disposition with an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('licence.pdf')).toBe(
      `inline; filename="licence.pdf"; filename*=UTF-8''licence.pdf`,
    );
    expect(contentDisposition("营业执照 (副本)'s.pdf")).toBe(
      `inline; filename="____ (__)'s.pdf"; filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7%20%28%E5%89%AF%E6%9C%AC%29%27s.pdf`,
    );
    expect(contentDisposition('café "x".jpg')).toBe(
      `inline; filename="cafe _x_.jpg"; filename*=UTF-8''caf%C3%A9%20%22x%22.jpg`,
    );
  });
});

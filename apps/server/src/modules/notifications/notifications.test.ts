import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp, userId } from '../../../test/app';
import { notifyUsers } from '.';

interface Item {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  readAt: string | null;
  createdAt: string;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
  unread: number;
}

let app: TestApp;
let ops: Client;
let risk: Client;

beforeAll(async () => {
  app = await startTestApp();
  ops = await app.as('ops');
  risk = await app.as('risk');
  const opsId = await userId(app, 'ops');
  const riskId = await userId(app, 'risk');
  for (const n of [1, 2, 3]) {
    await notifyUsers(app.db, [opsId, opsId], {
      kind: 'test.note',
      title: { 'zh-CN': `第${n}条`, 'en-US': `Note ${n}` },
      body: { 'zh-CN': `内容${n}`, 'en-US': `Body ${n}` },
      link: `/notes/${n}`,
    });
    // Times are kept to the millisecond: let each note have its own, so "newest first" is one order.
    await new Promise((resolve) => setTimeout(resolve, 3));
  }
  await notifyUsers(app.db, [riskId], {
    kind: 'test.note',
    title: { 'zh-CN': '风控', 'en-US': 'Risk' },
    body: { 'zh-CN': '', 'en-US': '' },
  });
});

afterAll(async () => {
  await app?.stop();
});

async function mine(client: Client, query = '') {
  const response = await client.get<Page>(`/api/notifications${query}`);
  expect(response.status).toBe(200);
  return response.body;
}

describe('my notifications', () => {
  it('lists only mine, newest first, in my locale, with the unread count', async () => {
    const page = await mine(ops);
    expect(page.unread).toBe(3);
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((n) => [n.title, n.body, n.link, n.readAt])).toEqual([
      ['第3条', '内容3', '/notes/3', null],
      ['第2条', '内容2', '/notes/2', null],
      ['第1条', '内容1', '/notes/1', null],
    ]);
    const locale = await ops.put('/api/auth/me/locale', { locale: 'en-US' });
    expect(locale.status).toBeLessThan(300);
    expect((await mine(ops)).items.map((n) => n.title)).toEqual(['Note 3', 'Note 2', 'Note 1']);
    expect((await mine(risk)).items.map((n) => n.title)).toEqual(['风控']);
  });

  it('pages by cursor', async () => {
    const first = await mine(ops, '?limit=2');
    expect(first.items.map((n) => n.link)).toEqual(['/notes/3', '/notes/2']);
    expect(first.nextCursor).not.toBeNull();
    expect(first.unread).toBe(3);
    const second = await mine(ops, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((n) => n.link)).toEqual(['/notes/1']);
    expect(second.nextCursor).toBeNull();
    const forged = Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url');
    const bad = await ops.get(`/api/notifications?cursor=${forged}`);
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual({ cursor: 'invalid cursor' });
  });

  it('marks one read (204) and lowers the unread count', async () => {
    const target = (await mine(ops)).items.find((n) => n.link === '/notes/2')!;
    const response = await ops.post(`/api/notifications/${target.id}/read`);
    expect(response.status).toBe(204);
    const page = await mine(ops);
    expect(page.unread).toBe(2);
    const read = page.items.find((n) => n.id === target.id)!;
    expect(read.readAt).toBe(app.clock.now().toISOString());
    expect(page.items.filter((n) => n.readAt === null).map((n) => n.link)).toEqual(['/notes/3', '/notes/1']);
  });

  it('leaves a read notification read, its time unchanged, when read again', async () => {
    const target = (await mine(ops)).items.find((n) => n.link === '/notes/2')!;
    const firstRead = target.readAt;
    expect(firstRead).not.toBeNull();
    app.clock.advance(60_000);
    const again = await ops.post(`/api/notifications/${target.id}/read`);
    expect(again.status).toBe(204);
    const page = await mine(ops);
    expect(page.unread).toBe(2);
    expect(page.items.find((n) => n.id === target.id)!.readAt).toBe(firstRead);
  });

  it("answers 404 for someone else's notification and leaves it unread", async () => {
    const theirs = (await mine(risk)).items[0]!;
    const response = await ops.post(`/api/notifications/${theirs.id}/read`);
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('NOT_FOUND');
    const page = await mine(risk);
    expect(page.unread).toBe(1);
    expect(page.items[0]!.readAt).toBeNull();
    const unknown = await ops.post('/api/notifications/00000000-0000-4000-8000-000000000000/read');
    expect(unknown.status).toBe(404);
    const malformed = await ops.post('/api/notifications/not-an-id/read');
    expect(malformed.status).toBe(400);
  });

  it('needs a session (401) and, for marking read, the CSRF token (403)', async () => {
    const stranger = app.client();
    expect((await stranger.get('/api/notifications')).status).toBe(401);
    const target = (await mine(ops)).items.find((n) => n.link === '/notes/1')!;
    const forged = await ops.post(`/api/notifications/${target.id}/read`, undefined, { csrf: false });
    expect(forged.status).toBe(403);
    expect(forged.body.code).toBe('CSRF_TOKEN_INVALID');
    expect((await mine(ops)).unread).toBe(2);
  });
});

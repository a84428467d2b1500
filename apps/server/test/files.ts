/** Real, small files for tests of uploads, and an upload over real HTTP multipart. */
import { jpeg } from '../src/platform/demo/sample-files';
import type { Client } from './app';

export { jpeg, pdf, png } from '../src/platform/demo/sample-files';

/** Uploads one file as the client (cookie and CSRF token), the way the console does. */
export async function uploadDocument(
  baseUrl: string,
  client: Client,
  fields: { ownerType: string; ownerId: string; kind: string },
  file: { bytes: Uint8Array; name: string; type?: string } = {
    bytes: jpeg(),
    name: 'photo.jpg',
    type: 'image/jpeg',
  },
) {
  const form = new FormData();
  form.append('ownerType', fields.ownerType);
  form.append('ownerId', fields.ownerId);
  form.append('kind', fields.kind);
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? '' }), file.name);
  const headers: Record<string, string> = {};
  if (client.cookie) headers.cookie = client.cookie;
  if (client.csrfToken) headers['x-csrf-token'] = client.csrfToken;
  const response = await fetch(`${baseUrl}/api/documents`, { method: 'POST', headers, body: form });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

import fastifyMultipart from '@fastify/multipart';
import { idSchema, isoTime } from '@posops/contracts';
import { AppError } from '@posops/kernel';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { contextOf, type ZodApp } from '../../platform/http/app';
import type { ModuleDeps } from '../../platform/module';
import { contentDisposition } from './documents.content';
import {
  deleteDocument,
  getDocument,
  listDocuments,
  readDocumentContent,
  uploadDocument,
} from './documents.service';
import type { DocumentStorage } from './documents.storage';

export const documentMeta = z.object({
  id: z.string(),
  ownerType: z.string(),
  ownerId: z.string(),
  kind: z.string(),
  fileName: z.string(),
  contentType: z.enum(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string(),
  uploadedAt: isoTime,
});

const params = z.object({ id: idSchema });
const ownerQuery = z.object({ ownerType: z.string().max(40), ownerId: z.string().max(100) });

export interface DocumentDeps extends ModuleDeps {
  storage: DocumentStorage;
}

const formFieldNames = new Set(['ownerType', 'ownerId', 'kind']);
/** Bounds of the form besides the file: three short fields, one file. */
const FORM_FIELD_BYTES_MAX = 200;
const FORM_FIELDS_MAX = 10;
const FORM_PARTS_MAX = 12;

const invalid = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', `${field}: ${message}`, { [field]: message });

/** The multipart parser's own errors, told precisely; anything else passes through. */
function formError(error: unknown, maxBytes: number): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE': {
      const message = `the file is larger than ${maxBytes} bytes`;
      return new AppError('PAYLOAD_TOO_LARGE', message, { file: message });
    }
    case 'FST_FILES_LIMIT':
      return invalid('file', 'one file per request');
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new AppError(
        'VALIDATION_FAILED',
        'too many form fields: send ownerType, ownerId, kind and file',
      );
    case 'FST_PROTO_VIOLATION':
      return new AppError('VALIDATION_FAILED', 'a form field name is not allowed');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('VALIDATION_FAILED', 'send the document as multipart/form-data');
    case 'FST_MP_PREMATURE_CLOSE':
      return new AppError('VALIDATION_FAILED', 'the upload was interrupted');
  }
  if (error instanceof Error && /multipart|boundary|terminated early/i.test(error.message)) {
    return new AppError('VALIDATION_FAILED', `malformed multipart body: ${error.message}`);
  }
  return error;
}

/** Reads the upload form: the three fields and the one file, in any order, within the limits. */
async function readUploadForm(request: FastifyRequest, maxBytes: number) {
  const fields: Record<string, string> = {};
  let file: { name: string; bytes: Buffer } | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file')
          throw invalid(part.fieldname, 'unknown field (the file goes in "file")');
        file = { name: part.filename, bytes: await part.toBuffer() };
        continue;
      }
      const name = part.fieldname;
      if (!formFieldNames.has(name)) throw invalid(name, 'unknown field');
      if (part.valueTruncated) throw invalid(name, `longer than ${FORM_FIELD_BYTES_MAX} bytes`);
      if (fields[name] !== undefined) throw invalid(name, 'given twice');
      fields[name] = String(part.value);
    }
  } catch (error) {
    throw formError(error, maxBytes);
  }
  const missing: Record<string, string> = {};
  for (const name of formFieldNames) if (fields[name] === undefined) missing[name] = 'required';
  if (!file) missing.file = 'required: one file';
  if (Object.keys(missing).length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `missing form fields: ${Object.keys(missing).join(', ')}`,
      missing,
    );
  }
  return { ownerType: fields.ownerType!, ownerId: fields.ownerId!, kind: fields.kind!, file: file! };
}

export function documentRoutes(deps: DocumentDeps) {
  return async (app: ZodApp) => {
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps);
    const maxBytes = deps.config.DOCUMENT_MAX_BYTES;
    // Only this plugin parses multipart bodies; its limits are the document's.
    await app.register(fastifyMultipart, {
      limits: {
        fileSize: maxBytes,
        files: 1,
        fields: FORM_FIELDS_MAX,
        fieldSize: FORM_FIELD_BYTES_MAX,
        parts: FORM_PARTS_MAX,
        headerPairs: 20,
      },
      throwFileSizeLimit: true,
    });

    app.post(
      '/api/documents',
      {
        config: { access: 'document.upload' },
        schema: {
          tags: ['documents'],
          summary: 'Upload one document (multipart/form-data: ownerType, ownerId, kind, file)',
          description:
            'JPEG, PNG, WebP or PDF, told from the content; at most DOCUMENT_MAX_BYTES (10 MiB by default). ' +
            'Answers 415 DOCUMENT_TYPE_NOT_ALLOWED for anything else, 413 PAYLOAD_TOO_LARGE when too large, ' +
            '409 DOCUMENT_OWNER_LOCKED when the owner no longer takes documents.',
          consumes: ['multipart/form-data'],
          response: { 201: documentMeta },
        },
      },
      async (request, reply) => {
        const form = await readUploadForm(request, maxBytes);
        const document = await uploadDocument(ctx(request), deps.storage, {
          ownerType: form.ownerType,
          ownerId: form.ownerId,
          kind: form.kind,
          fileName: form.file.name,
          bytes: form.file.bytes,
        });
        return reply.status(201).send(document);
      },
    );

    app.get(
      '/api/documents',
      {
        config: { access: 'document.read' },
        schema: {
          tags: ['documents'],
          summary: "An owner's documents (metadata), oldest first",
          querystring: ownerQuery,
          response: { 200: z.object({ items: z.array(documentMeta) }) },
        },
      },
      async (request) => ({
        items: await listDocuments(ctx(request), request.query.ownerType, request.query.ownerId),
      }),
    );

    app.get(
      '/api/documents/:id',
      {
        config: { access: 'document.read' },
        schema: {
          tags: ['documents'],
          summary: 'One document (metadata)',
          params,
          response: { 200: documentMeta },
        },
      },
      async (request) => getDocument(ctx(request), request.params.id),
    );

    app.get(
      '/api/documents/:id/content',
      {
        config: { access: 'document.read' },
        schema: {
          tags: ['documents'],
          summary: 'The bytes, for preview (inline), checked against their SHA-256 first',
          params,
          produces: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'],
        },
      },
      async (request, reply) => {
        const { document, bytes } = await readDocumentContent(
          ctx(request),
          deps.storage,
          request.params.id,
          request.log,
        );
        return reply
          .header('content-type', document.contentType)
          .header('content-length', bytes.length)
          .header('content-disposition', contentDisposition(document.fileName))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .send(bytes);
      },
    );

    app.delete(
      '/api/documents/:id',
      {
        config: { access: 'document.delete' },
        schema: { tags: ['documents'], summary: 'Remove a document (while its owner allows)', params },
      },
      async (request, reply) => {
        await deleteDocument(ctx(request), request.params.id);
        return reply.status(204).send();
      },
    );
  };
}

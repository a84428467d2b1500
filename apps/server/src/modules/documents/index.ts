/**
 * Documents (资料文件): a store of uploaded files — ID cards, licences, storefront photos, contracts,
 * work-order photos — owned by other modules' objects. It knows no owner module: each declares its
 * document kinds, org and "may still change" rule with registerDocumentOwner. Type is told from the
 * bytes, sizes are bounded, bytes are checked against their SHA-256 on every read. Uses audit.
 */

export { type DocumentOwner, registerDocumentOwner } from './documents.owners';
export { type DocumentDeps, documentRoutes } from './documents.routes';
export {
  createS3DocumentStorage,
  type S3DocumentStorage,
  type S3DocumentStorageOptions,
} from './documents.s3-storage';
export {
  type DocumentMeta,
  documentsOf,
  type ErrorLog,
  readDocumentContent,
  uploadDocument,
} from './documents.service';
export { createLocalDocumentStorage, type DocumentStorage } from './documents.storage';
export { createDocumentStorage, type DocumentStorageConfig } from './documents.storage-factory';

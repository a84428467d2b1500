import type { ErrorBody, MessageRef } from '@posops/contracts';

/** An error answered by the server (`{ code, message, fields? }`) or met on the way to it. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string> | undefined;
  /** The same field messages as keys to translate (`messages.<key>`), where the server has them. */
  readonly fieldMessages: Record<string, MessageRef> | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    fields?: Record<string, string>,
    fieldMessages?: Record<string, MessageRef>,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.fieldMessages = fieldMessages;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

interface RequestOptions {
  query?: QueryParams | undefined;
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** Do not report a lost session (used by the session probe itself). */
  quietAuth?: boolean;
}

let csrfToken: string | null = null;
const authLostListeners = new Set<() => void>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server says the session is gone (401 UNAUTHENTICATED / SESSION_EXPIRED). */
export function onAuthLost(listener: () => void): () => void {
  authLostListeners.add(listener);
  return () => authLostListeners.delete(listener);
}

export function toQueryString(query: QueryParams | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function readError(response: Response): Promise<ApiError> {
  let body: Partial<ErrorBody> | null = null;
  try {
    body = (await response.json()) as Partial<ErrorBody>;
  } catch {
    body = null;
  }
  const code =
    typeof body?.code === 'string' ? body.code : response.status >= 500 ? 'INTERNAL' : 'HTTP_ERROR';
  const message =
    typeof body?.message === 'string' ? body.message : response.statusText || `HTTP ${response.status}`;
  return new ApiError(
    response.status,
    code,
    message,
    body?.fields ?? undefined,
    body?.fieldMessages ?? undefined,
  );
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(`${path}${toQueryString(options.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK', cause instanceof Error ? cause.message : 'Network error');
  }
}

async function refreshCsrfToken(): Promise<boolean> {
  const response = await send('GET', '/api/auth/me', { quietAuth: true });
  if (!response.ok) return false;
  const body = (await response.json()) as { csrfToken?: string };
  if (!body.csrfToken) return false;
  setCsrfToken(body.csrfToken);
  return true;
}

async function checked(method: string, path: string, options: RequestOptions): Promise<Response> {
  let response = await send(method, path, options);
  if (response.ok) return response;
  let error = await readError(response);
  // A stale CSRF token (e.g. after a session refresh in another tab): fetch a fresh one and retry once.
  if (error.code === 'CSRF_TOKEN_INVALID' && method !== 'GET' && (await refreshCsrfToken())) {
    response = await send(method, path, options);
    if (response.ok) return response;
    error = await readError(response);
  }
  if (
    error.status === 401 &&
    (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED') &&
    !options.quietAuth
  ) {
    for (const listener of authLostListeners) listener();
  }
  throw error;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await checked(method, path, options);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await response.json()) as T;
}

export const http = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) =>
    request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body: body ?? {} }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

function errorFromXhr(xhr: XMLHttpRequest): ApiError {
  let body: Partial<ErrorBody> | null = null;
  try {
    body = JSON.parse(xhr.responseText) as Partial<ErrorBody>;
  } catch {
    body = null;
  }
  const code = typeof body?.code === 'string' ? body.code : xhr.status >= 500 ? 'INTERNAL' : 'HTTP_ERROR';
  const message = typeof body?.message === 'string' ? body.message : xhr.statusText || `HTTP ${xhr.status}`;
  return new ApiError(xhr.status, code, message, body?.fields ?? undefined, body?.fieldMessages ?? undefined);
}

function sendForm<T>(path: string, form: FormData, options: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.((event.loaded / event.total) * 100);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
        } catch {
          resolve(undefined as T);
        }
      } else reject(errorFromXhr(xhr));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'Network error'));
    xhr.onabort = () => reject(new DOMException('The upload was aborted', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

export interface UploadOptions {
  /** 0–100 as the bytes leave the browser. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

/**
 * Posts a multipart form (a file upload) with the CSRF header, reporting progress; errors as `ApiError`
 * like every other call (a stale CSRF token is refreshed and the upload retried once).
 */
export async function upload<T>(path: string, form: FormData, options: UploadOptions = {}): Promise<T> {
  try {
    return await sendForm<T>(path, form, options);
  } catch (first) {
    let error = first;
    if (error instanceof ApiError && error.code === 'CSRF_TOKEN_INVALID' && (await refreshCsrfToken())) {
      try {
        return await sendForm<T>(path, form, options);
      } catch (second) {
        error = second;
      }
    }
    if (
      error instanceof ApiError &&
      error.status === 401 &&
      (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED')
    ) {
      for (const listener of authLostListeners) listener();
    }
    throw error;
  }
}

function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

/** Downloads a file answered by a GET endpoint (exports), keeping the session cookie and error handling. */
export async function download(path: string, query: QueryParams, fallbackName: string): Promise<void> {
  const response = await checked('GET', path, { query });
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameFrom(response.headers.get('content-disposition'), fallbackName);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A keyset page as every list endpoint answers it. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

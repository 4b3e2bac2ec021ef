import { CSRF_HEADER } from '@innocity/shared/api/auth';
import type { ErrorBody, FieldIssue } from '@innocity/shared/errors';

/** An API error with the server's Chinese message and, for validation errors, the field issues. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  get issues(): FieldIssue[] {
    const d = this.details as { issues?: FieldIssue[] } | undefined;
    return d?.issues ?? [];
  }
}

let csrfToken: string | null = null;

/** Remembers the session's CSRF token; every state-changing request sends it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const listeners = new Set<() => void>();
/** Called when the server says the session is gone, so the app can return to the login page. */
export function onUnauthenticated(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Calls the API; resolves with the parsed JSON body or rejects with an ApiError. */
export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const json = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const err = (json as ErrorBody | undefined)?.error;
    if (res.status === 401 && !url.endsWith('/auth/login') && !url.endsWith('/auth/me')) listeners.forEach((l) => l());
    throw new ApiError(res.status, err?.code ?? 'internal', err?.message ?? `请求失败（${res.status}）`, err?.details);
  }
  return json as T;
}

/** Uploads a file as multipart/form-data (field "file"); resolves with the JSON body or rejects with an ApiError. */
export async function apiUpload<T>(url: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      body: form,
      headers: csrfToken ? { [CSRF_HEADER]: csrfToken } : {},
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  const json = (await res.text().then((t) => (t ? JSON.parse(t) : undefined))) as unknown;
  if (!res.ok) {
    const err = (json as ErrorBody | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? 'internal', err?.message ?? `上传失败（${res.status}）`, err?.details);
  }
  return json as T;
}

/** Where a long upload stands: bytes sent so far, then the server at work on the file. */
export type UploadProgress = { phase: 'upload'; loaded: number; total: number } | { phase: 'processing' };

/**
 * apiUpload with progress, for files that take a while (ledger imports of tens of thousands of
 * rows): fetch reports no upload progress, XMLHttpRequest does. Same errors as apiUpload.
 */
export function apiUploadWithProgress<T>(url: string, file: File, onProgress: (p: UploadProgress) => void): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    if (csrfToken) xhr.setRequestHeader(CSRF_HEADER, csrfToken);
    xhr.upload.onprogress = (e) => onProgress({ phase: 'upload', loaded: e.loaded, total: e.total || file.size });
    // Every byte is sent: what remains is the server reading, checking and writing the rows.
    xhr.upload.onload = () => onProgress({ phase: 'processing' });
    xhr.onerror = () => reject(new ApiError(0, 'network', '无法连接服务器，请检查网络后重试'));
    xhr.onload = () => {
      let json: unknown;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        json = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(json as T);
      const err = (json as ErrorBody | undefined)?.error;
      if (xhr.status === 401) listeners.forEach((l) => l());
      reject(
        new ApiError(xhr.status, err?.code ?? 'internal', err?.message ?? `上传失败（${xhr.status}）`, err?.details),
      );
    };
    xhr.send(form);
  });
}

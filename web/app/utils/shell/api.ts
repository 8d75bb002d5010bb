import type { z } from 'zod';
import { apiErrorFrom, networkError } from './api-error';

/** A same-origin API call; any non-2xx answer or a dead network becomes an ApiError with a message to show. */
export async function apiRequest(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  if (init.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', ...init, headers });
  } catch {
    throw networkError();
  }
  if (!response.ok) throw await apiErrorFrom(response);
  return response;
}

/** The answer's JSON, checked against its schema: the server and the UI ship together, but proxies exist. */
export async function apiJson<S extends z.ZodType>(schema: S, path: string, init: RequestInit = {}): Promise<z.output<S>> {
  const response = await apiRequest(path, init);
  return schema.parse(await response.json());
}

/** Calls to the server's `/api/v1`, with this device's bearer token when it has one. */

// A connection that hangs (a server gone mid-request, a captive portal) must not stall sync for ever.
const TIMEOUT_MS = 30_000;

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `The server answered ${status}.`);
    this.status = status;
    this.field = body?.error?.field ?? null;
    this.retryAfterSeconds = null;
  }
}

/**
 * Send a request; resolve with the parsed JSON (or the Response for `raw`), reject with an
 * ApiError for an HTTP error or a TypeError when the network failed.
 */
export async function callApi(method, path, { token = null, body = undefined, raw = false } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    // The person's log is never served from a cache.
    cache: "no-store",
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) {
    const error = new ApiError(response.status, await response.json().catch(() => null));
    error.retryAfterSeconds = Number(response.headers.get("Retry-After")) || null;
    throw error;
  }
  if (raw) return response;
  return response.status === 204 ? null : response.json();
}

/**
 * A failed API request, carrying the Kubernetes Status the server answered
 * (or what went wrong on the way), so the error banner can show its message.
 */
import type { Status } from '@chronokube/core';

/** An HTTP error with the server's Status when it sent one. */
export class ApiRequestError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly status?: Status,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/** `Reason: message` from an error response body (a Status, or plain text). */
export function describeFailure(code: number, statusText: string, body: string): ApiRequestError {
  try {
    const parsed = JSON.parse(body) as Partial<Status>;
    if (parsed && parsed.kind === 'Status') {
      const reason = parsed.reason ?? statusText ?? String(code);
      const message = parsed.message && parsed.message !== reason ? `${reason}: ${parsed.message}` : reason;
      return new ApiRequestError(code, message, parsed as Status);
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  const text = body.trim().slice(0, 300);
  return new ApiRequestError(code, `${statusText || 'HTTP ' + code}${text ? ': ' + text : ''}`);
}

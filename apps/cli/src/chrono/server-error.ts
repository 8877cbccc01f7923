import { CliError } from '../errors';
import type { Status } from './contract';

/**
 * The server refused a request: printed verbatim as kubectl prints a
 * Status (`Error from server (NotFound): ...`), exit code 1.
 */
export class ServerError extends CliError {
  constructor(
    message: string,
    /** The HTTP status code, so a caller can tell 404 from the rest. */
    readonly httpCode: number,
    readonly reason?: string,
  ) {
    super(message, 1);
    this.name = 'ServerError';
  }
}

/**
 * kubectl's rendering of a failed response: the Status's reason and
 * message when the body is one, else the HTTP code and a short body.
 */
export function serverError(httpCode: number, body: string): ServerError {
  let status: Partial<Status> | undefined;
  try {
    const parsed = JSON.parse(body) as Partial<Status>;
    if (parsed && parsed.kind === 'Status') status = parsed;
  } catch {
    status = undefined;
  }
  if (status?.message) {
    const line = status.reason ? `Error from server (${status.reason}): ${status.message}` : `Error from server: ${status.message}`;
    return new ServerError(line, httpCode, status.reason);
  }
  const text = body.replace(/\s+/g, ' ').trim().slice(0, 200);
  return new ServerError(`Error from server: the server responded with status ${httpCode}${text ? `: ${text}` : ''}`, httpCode);
}

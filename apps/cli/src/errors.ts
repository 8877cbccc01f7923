/**
 * Failures the launcher reports as one `chronokube: ...` line on stderr, with
 * no stack trace: they are the user's input or environment, not our bugs.
 */
export class CliError extends Error {
  constructor(
    message: string,
    /** Process exit code; 1 for a runtime failure such as a taken port. */
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Bad command line (unknown command or flag, bad value): exit code 2, as most Unix tools do. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}

/**
 * Renders any thrown value as a single line, so a message that happens to
 * carry a newline (a path, an OS error) cannot break the one-line contract.
 */
export function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim() || 'unknown error';
}

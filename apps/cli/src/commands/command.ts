/**
 * One `chronokube <name>` subcommand. `run` gets the arguments after the
 * name; it resolves when a one-shot command is done, or once a server is up
 * (the open server keeps the process alive). It throws CliError for anything
 * the user should read as one line.
 */
export interface Command {
  readonly name: string;
  run(argv: string[]): Promise<void>;
}

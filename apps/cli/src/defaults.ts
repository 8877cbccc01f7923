/**
 * Defaults shared by the commands and their help text, so the two cannot
 * disagree. They are part of the command-line contract in ARCHITECTURE.md.
 */
export const DEFAULT_DATA_DIR = '.chronokube';
/** EventStoreDB's own default port, so existing tools and habits just work. */
export const DEFAULT_EVENTSTORE_PORT = 2113;
/** Loopback only: nothing is exposed beyond the machine unless asked for. */
export const DEFAULT_HOST = '127.0.0.1';
/** The Kubernetes API's usual secure port. */
export const DEFAULT_API_PORT = 6443;
/** The dashboard's port (Next.js's and many dev servers' habit). */
export const DEFAULT_WEB_PORT = 3000;

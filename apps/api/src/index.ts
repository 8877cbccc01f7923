/** @chronokube/api: the control plane (Kubernetes API on the event log). */
export { startApiServer, type RunningApiServer } from './server';
export { DEFAULT_SERVICE_CIDR, type ApiConfig } from './config';
export { loadTokenFile, parseTokenFile, type UserInfo } from './auth/token-file';
export { ensureServerPki } from './tls';
export { waitForStore } from './http/store-wait';

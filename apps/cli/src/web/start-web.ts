/**
 * The dashboard for a cluster, as `chronokube web` and `chronokube up`
 * start it: the kubeconfig says where the API server is, how to trust it
 * and which token a login link yields.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CliError, oneLine } from '../errors';
import { ensureWebBuilt } from './ensure-built';
import { startWebServer, type WebServer } from './web-server';

/** Where `npm run build -w @chronokube/web` puts the static export. */
export const DEFAULT_UI_DIR = path.resolve(__dirname, '../../../web/out');

export interface StartWebOptions {
  host: string;
  port: number;
  kubeconfig: string;
  uiDir?: string;
  log: (line: string) => void;
}

export async function startWeb(options: StartWebOptions): Promise<WebServer> {
  const uiDir = options.uiDir ?? DEFAULT_UI_DIR;
  // The repo's own UI is built on install; a change since (or an install that could not build it) builds now.
  if (!options.uiDir) await ensureWebBuilt(options.log);
  if (!fs.existsSync(path.join(uiDir, 'index.html'))) {
    throw new CliError(`the web UI is not built (no ${path.join(uiDir, 'index.html')}): run npm run build -w @chronokube/web`, 1);
  }
  const { loadKubeconfig } = await import('@chronokube/agent');
  let access;
  try {
    access = loadKubeconfig(options.kubeconfig);
  } catch (err) {
    throw new CliError(oneLine(err), 1);
  }
  if (!access.token) throw new CliError(`kubeconfig ${options.kubeconfig} has no bearer token for the login link`, 1);
  try {
    return await startWebServer({
      host: options.host,
      port: options.port,
      uiDir,
      api: { server: access.server, caPem: access.caPem, insecureSkipTlsVerify: access.insecureSkipTlsVerify },
      token: access.token,
      log: options.log,
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CliError(`port ${options.port} on ${options.host} is in use: pick another with --web-port/--port`, 1);
    throw new CliError(`the web UI did not start: ${oneLine(err)}`, 1);
  }
}

/**
 * Starts one API server: connects to the store, replays the log into the
 * projection, then listens (HTTPS unless no TLS material is given).
 * Resolves once it answers requests; close() stops watches, the
 * subscription and the listener.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { ApiContext } from './api-context';
import { ApiModule } from './api.module';
import type { ApiConfig } from './config';
import { StatusFilter } from './http/status.filter';
import { CommandBus } from '@nestjs/cqrs';
import { bootstrapCluster } from './bootstrap';
import { startControllers, type Controllers } from './controllers/controller-manager';
import { waitForStore } from './http/store-wait';

/** The connection string without its credentials, fit for a log line. */
function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//');
}

export interface RunningApiServer {
  url: string;
  port: number;
  context: ApiContext;
  controllers: Controllers;
  close(): Promise<void>;
}

export async function startApiServer(config: ApiConfig): Promise<RunningApiServer> {
  const app = await NestFactory.create(ApiModule.forRoot(config), new ExpressAdapter(), {
    bodyParser: false,
    logger: false,
    abortOnError: false,
    httpsOptions: config.tls ? { cert: config.tls.cert, key: config.tls.key } : undefined,
  });
  app.useGlobalFilters(new StatusFilter());
  // The live gateway's socket.io attaches to this same server (same port, same TLS).
  app.useWebSocketAdapter(new IoAdapter(app));
  const express = app.getHttpAdapter().getInstance() as { disable(name: string): void; set(name: string, v: unknown): void };
  express.disable('x-powered-by');
  express.set('etag', false);
  const context = app.get(ApiContext);
  await app.init();
  // A store started alongside (compose, systemd) may not be up yet: wait for it rather than fail.
  await waitForStore(() => context.store.ping(), redactUrl(config.eventstoreUrl));
  await context.projection.start();
  const commands = app.get(CommandBus);
  // A replayed incident is history: nothing bootstraps, schedules or reconciles it.
  if (!config.replay) await bootstrapCluster(context, commands);
  const controllers: Controllers = config.replay ? { stop: () => undefined } : startControllers(context.projection, commands, config);
  await app.listen(config.port, config.host);
  const server = app.getHttpServer() as Server;
  const port = (server.address() as AddressInfo).port;
  const scheme = config.tls ? 'https' : 'http';
  context.serverAddress = `${config.host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: `${scheme}://${config.host}:${port}`,
    port,
    context,
    controllers,
    close: () =>
      (closing ??= (async () => {
        controllers.stop();
        context.storeHealth.stop();
        context.watches.closeAll();
        server.closeAllConnections?.();
        await app.close();
        await context.projection.stop();
        await context.store.close();
      })()),
  };
}

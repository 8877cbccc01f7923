/**
 * The live gateway: socket.io on the API's own port at LIVE_PATH. The
 * handshake is authenticated like any API request; each socket holds at
 * most one subscription (`subscribe` replaces it, `unsubscribe` ends it),
 * delivered as acknowledged `events` batches. Protocol: docs/live-api.md.
 */
import { Inject, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway,
  type OnGatewayDisconnect, type OnGatewayInit,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { ApiError, internal } from '@chronokube/core';
import { ApiContext } from '../api-context';
import type { UserInfo } from '../auth/token-file';
import { LiveFeed } from './live-feed';
import { parseSelection } from './live-filter';
import { authenticateHandshake, HandshakeError } from './live-handshake';
import { LIVE_PATH, type SubscribeReply } from './live-protocol';
import { DEFAULT_LIMITS, LiveSubscription, type LiveSink } from './live-subscription';

interface SocketData {
  user: UserInfo;
  subscription?: LiveSubscription;
  subscriptions: number;
}

@WebSocketGateway({ path: LIVE_PATH, serveClient: false })
export class LiveGateway implements OnGatewayInit, OnGatewayDisconnect, OnModuleDestroy {
  private feed: LiveFeed | undefined;

  constructor(@Inject(ApiContext) private readonly api: ApiContext) {}

  afterInit(server: Server): void {
    this.feed = new LiveFeed(this.api.projection);
    // Incidents are few and every reader may see them: tell every connected client.
    this.feed.onIncident((notice) => server.emit('incident', notice));
    server.use((socket, next) => {
      try {
        const data: SocketData = { user: authenticateHandshake(this.api.authenticator, socket.handshake), subscriptions: 0 };
        socket.data = data;
        next();
      } catch (err) {
        if (!(err instanceof HandshakeError)) return next(new Error('Unauthorized'));
        next(Object.assign(new Error(err.message), { data: err.data }));
      }
    });
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<SubscribeReply> {
    const data = socket.data as SocketData;
    data.subscription?.stop();
    data.subscription = undefined;
    const ticket = ++data.subscriptions;
    const id = `${socket.id}/${ticket}`;
    try {
      // Nest hands over an empty argument list when the client sent only the acknowledgement callback.
      const selection = parseSelection(Array.isArray(body) && body.length === 0 ? undefined : body);
      // A resourceVersion ahead of the log waits up to 3 s, then 504, as a watch does.
      if (typeof selection.from === 'number') await this.api.history.reach(selection.from);
      if (ticket !== data.subscriptions || socket.disconnected) throw new ApiError(409, 'Conflict', `subscription ${id} was replaced by a later subscribe`);
      const subscription = new LiveSubscription(id, data.user, selection, this.deps(), sinkFor(socket), DEFAULT_LIMITS);
      data.subscription = subscription;
      const from = subscription.start();
      return { ok: true, subscription: id, from: String(from) };
    } catch (err) {
      const error = err instanceof ApiError ? err : internal((err as Error)?.message ?? String(err));
      return { ok: false, status: error.toStatus() };
    }
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(@ConnectedSocket() socket: Socket): { ok: true } {
    const data = socket.data as SocketData;
    data.subscription?.stop();
    data.subscription = undefined;
    return { ok: true };
  }

  handleDisconnect(socket: Socket): void {
    (socket.data as SocketData | undefined)?.subscription?.stop();
  }

  onModuleDestroy(): void {
    this.feed?.close();
  }

  private deps(): ConstructorParameters<typeof LiveSubscription>[3] {
    if (!this.feed) throw internal('the live gateway is not initialised');
    return { store: this.api.store, projection: this.api.projection, history: this.api.history, feed: this.feed };
  }
}

function sinkFor(socket: Socket): LiveSink {
  return {
    batch: (batch, ack) => socket.emit('events', batch, ack),
    fellBehind: (message) => socket.emit('fellBehind', message),
    failed: (message) => socket.emit('subscriptionError', message),
  };
}

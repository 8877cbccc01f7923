/** The control plane's Nest module: controllers, the live gateway, the command bus and its handlers. */
import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ApiContext } from './api-context';
import type { ApiConfig } from './config';
import { BindPodHandler } from './commands/bind-pod.handler';
import { CreateObjectHandler } from './commands/create-object.handler';
import { DeleteCollectionHandler } from './commands/delete-collection.handler';
import { DeleteObjectHandler } from './commands/delete-object.handler';
import { PatchObjectHandler } from './commands/patch-object.handler';
import { UpdateObjectHandler } from './commands/update-object.handler';
import { SelfReviewController } from './auth/self-review.controller';
import { HistoryController } from './history/history.controller';
import { KubeApiController } from './http/kube-api.controller';
import { RootController } from './http/root.controller';
import { LiveGateway } from './live/live.gateway';

const HANDLERS = [CreateObjectHandler, UpdateObjectHandler, PatchObjectHandler, DeleteObjectHandler, DeleteCollectionHandler, BindPodHandler];

@Module({})
export class ApiModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [CqrsModule.forRoot()],
      // HistoryController and SelfReviewController first: their /apis routes must win over the generic /apis handler.
      controllers: [RootController, HistoryController, SelfReviewController, KubeApiController],
      // The live gateway (socket.io at /live/socket.io) shares the HTTP(S) server and port.
      providers: [{ provide: ApiContext, useFactory: () => new ApiContext(config) }, ...HANDLERS, LiveGateway],
    };
  }
}

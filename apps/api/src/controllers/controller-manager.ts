/** Starts the controllers that run inside the API process, after the projection caught up. */
import type { CommandBus } from '@nestjs/cqrs';
import type { ProjectionService } from '../projection/projection.service';
import { GarbageCollector } from './garbage-collector';
import { NamespaceController } from './namespace-controller';

export interface Controllers {
  stop(): void;
}

export function startControllers(projection: ProjectionService, commands: CommandBus): Controllers {
  const running = [new GarbageCollector(projection, commands), new NamespaceController(projection, commands)];
  for (const c of running) c.start();
  return { stop: () => running.forEach((c) => c.stop()) };
}

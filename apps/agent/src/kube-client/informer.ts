/**
 * List-then-watch with a local cache, like client-go's informer: handlers
 * see every object once at start and then each change; a dropped watch
 * resumes from the last resourceVersion seen (bookmarks included), and a
 * 410 Expired re-lists, reporting objects that vanished meanwhile as deleted.
 */
import { objectKey, type KubeObject } from '@chronokube/core';
import { KubeApiError, type KubeClient } from './kube-client';

export interface InformerHandlers<T extends KubeObject> {
  onUpsert(object: T): void;
  onDelete(object: T): void;
}

const keyOf = (o: KubeObject): string => objectKey(o.metadata.namespace, o.metadata.name ?? '');

export class Informer<T extends KubeObject> {
  private readonly cache = new Map<string, T>();
  private readonly abort = new AbortController();
  private resourceVersion = '0';
  private loop: Promise<void> | undefined;

  constructor(private readonly client: KubeClient, private readonly path: string, private readonly handlers: InformerHandlers<T>) {}

  /** Lists, delivers the initial objects, starts watching; resolves after the initial list. */
  async start(): Promise<void> {
    await this.relist();
    this.loop = this.run();
  }

  get(key: string): T | undefined {
    return this.cache.get(key);
  }

  values(): IterableIterator<T> {
    return this.cache.values();
  }

  private async relist(): Promise<void> {
    const list = await this.client.get<{ metadata: { resourceVersion: string }; items: T[] }>(this.path);
    const seen = new Set<string>();
    for (const item of list.items) {
      seen.add(keyOf(item));
      this.cache.set(keyOf(item), item);
      this.handlers.onUpsert(item);
    }
    for (const [key, item] of [...this.cache]) {
      if (!seen.has(key)) {
        this.cache.delete(key);
        this.handlers.onDelete(item);
      }
    }
    this.resourceVersion = list.metadata.resourceVersion;
  }

  private async run(): Promise<void> {
    while (!this.abort.signal.aborted) {
      try {
        for await (const event of this.client.watch<T>(this.path, this.resourceVersion, this.abort.signal)) {
          const object = event.object;
          if (event.type === 'ERROR') throw new KubeApiError((object as { code?: number }).code ?? 500, 'WatchError', JSON.stringify(object));
          if (object?.metadata?.resourceVersion) this.resourceVersion = object.metadata.resourceVersion;
          if (event.type === 'BOOKMARK') continue;
          if (event.type === 'DELETED') {
            this.cache.delete(keyOf(object));
            this.handlers.onDelete(object);
          } else {
            this.cache.set(keyOf(object), object);
            this.handlers.onUpsert(object);
          }
        }
      } catch (err) {
        if (this.abort.signal.aborted) return;
        if (err instanceof KubeApiError && err.status === 410) {
          await this.relist().catch(() => undefined);
          continue;
        }
        // The server went away or restarted: try again shortly.
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }
}

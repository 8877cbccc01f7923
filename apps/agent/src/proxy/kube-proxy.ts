/**
 * kube-proxy: follows Services and Endpoints and hands every Service
 * address, with its ready endpoints, to one backend. In iptables mode (the
 * default when the agent is root and iptables works, as in kube) the
 * kernel forwards: see iptables-rules.ts. Otherwise the user-space proxy
 * does (userspace-backend.ts). Endpoints changes apply at once; a Service
 * port with no ready endpoint refuses connections.
 */
import { objectKey, type KubeObject } from '@chronokube/core';
import { Informer } from '../kube-client/informer';
import type { KubeClient } from '../kube-client/kube-client';
import { IptablesBackend, iptablesUnavailable } from './iptables-backend';
import { backendsFor, listenersFor, type ListenerSpec } from './proxy-plan';
import { UserspaceBackend } from './userspace-backend';

export type ProxyMode = 'iptables' | 'userspace';

export interface KubeProxyOptions {
  /** The node's name; names its iptables chains. */
  node: string;
  /** iptables or userspace; unset: iptables when it can run here, else userspace (saying why). */
  mode?: ProxyMode;
}

export class KubeProxy {
  private services: Informer<KubeObject> | undefined;
  private endpoints: Informer<KubeObject> | undefined;
  private backend: IptablesBackend | UserspaceBackend | undefined;
  private stopped = false;
  /** The mode in effect once started. */
  mode: ProxyMode | undefined;

  constructor(
    private readonly client: KubeClient,
    private readonly log: (line: string) => void = () => undefined,
    private readonly o: KubeProxyOptions = { node: 'node', mode: 'userspace' },
  ) {}

  async start(): Promise<void> {
    let mode = this.o.mode;
    if (!mode) {
      const why = await iptablesUnavailable();
      mode = why ? 'userspace' : 'iptables';
      if (why) this.log(`kube-proxy in user space: iptables mode needs root and iptables (${why})`);
    }
    if (mode === 'iptables') {
      const iptables = new IptablesBackend(this.o.node, this.log);
      await iptables.setup();
      this.backend = iptables;
    } else {
      this.backend = new UserspaceBackend(this.log);
    }
    this.mode = mode;
    const handlers = { onUpsert: () => this.sync(), onDelete: () => this.sync() };
    this.services = new Informer<KubeObject>(this.client, '/api/v1/services', handlers);
    this.endpoints = new Informer<KubeObject>(this.client, '/api/v1/endpoints', handlers);
    await this.services.start();
    await this.endpoints.start();
    this.sync();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.services?.stop();
    await this.endpoints?.stop();
    await this.backend?.teardown();
  }

  private sync(): void {
    if (this.stopped || !this.services || !this.endpoints || !this.backend) return;
    const wanted = new Map<string, ListenerSpec>();
    for (const svc of this.services.values()) {
      const ep = this.endpoints.get(objectKey(svc.metadata.namespace, svc.metadata.name ?? ''));
      for (const spec of listenersFor(svc)) wanted.set(spec.address, { ...spec, backends: backendsFor(ep, spec.portName) });
    }
    void this.backend.apply([...wanted.values()]);
  }
}

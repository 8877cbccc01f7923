/**
 * kube-proxy. In iptables mode (the default when the agent is root and
 * iptables works, as in kube) the kernel forwards: see iptables-rules.ts.
 * Otherwise, in user space: for every Service port (TCP) it listens on
 * ClusterIP:port (the default service range is on loopback, so it can bind
 * there) and, for NodePort Services, on 127.0.0.1:nodePort, and forwards
 * each connection to a ready endpoint: round robin, or the same endpoint per
 * client IP with sessionAffinity ClientIP. Endpoints changes apply at once;
 * a Service port with no ready endpoint closes its listener, so clients get
 * connection refused, as kube-proxy's REJECT rule gives them.
 */
import net from 'node:net';
import { objectKey, type KubeObject } from '@chronokube/core';
import { Informer } from '../kube-client/informer';
import type { KubeClient } from '../kube-client/kube-client';
import { IptablesBackend, iptablesUnavailable } from './iptables-backend';
import { backendsFor, listenersFor, type Backend, type ListenerSpec } from './proxy-plan';

export type ProxyMode = 'iptables' | 'userspace';

export interface KubeProxyOptions {
  /** The node's name; names its iptables chains. */
  node: string;
  /** iptables or userspace; unset: iptables when it can run here, else userspace (saying why). */
  mode?: ProxyMode;
}

interface Listener {
  spec: ListenerSpec;
  server?: net.Server;
  next: number;
  affinity: Map<string, { backend: Backend; until: number }>;
}

export class KubeProxy {
  private services: Informer<KubeObject> | undefined;
  private endpoints: Informer<KubeObject> | undefined;
  private readonly listeners = new Map<string, Listener>();
  private readonly warned = new Set<string>();
  private stopped = false;
  private iptables: IptablesBackend | undefined;
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
      this.iptables = new IptablesBackend(this.o.node, this.log);
      await this.iptables.setup();
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
    for (const l of this.listeners.values()) this.close(l);
    this.listeners.clear();
    await this.iptables?.teardown();
  }

  /** Resolves once the rules for the state seen so far are in the kernel (iptables mode). */
  async settled(): Promise<void> {
    await this.iptables?.apply([...this.wanted().values()]);
  }

  /** Addresses this proxy listens on now (for tests and status). */
  get listening(): string[] {
    return [...this.listeners.values()].filter((l) => l.server?.listening).map((l) => l.spec.address);
  }

  private wanted(): Map<string, ListenerSpec> {
    const wanted = new Map<string, ListenerSpec>();
    for (const svc of this.services?.values() ?? []) {
      const ep = this.endpoints?.get(objectKey(svc.metadata.namespace, svc.metadata.name ?? ''));
      for (const spec of listenersFor(svc)) wanted.set(spec.address, { ...spec, backends: backendsFor(ep, spec.portName) });
    }
    return wanted;
  }

  private sync(): void {
    if (this.stopped || !this.services || !this.endpoints) return;
    const wanted = this.wanted();
    if (this.iptables) {
      void this.iptables.apply([...wanted.values()]);
      return;
    }
    for (const [address, l] of this.listeners) {
      if (!wanted.has(address)) {
        this.close(l);
        this.listeners.delete(address);
      }
    }
    for (const [address, spec] of wanted) {
      let l = this.listeners.get(address);
      if (!l) {
        l = { spec, next: 0, affinity: new Map() };
        this.listeners.set(address, l);
      }
      l.spec = spec;
      if (spec.backends.length > 0) this.open(l);
      else this.close(l);
    }
  }

  private open(l: Listener): void {
    if (l.server) return;
    const server = net.createServer((socket) => this.forward(l, socket));
    l.server = server;
    server.on('error', (err: NodeJS.ErrnoException) => {
      if (l.server === server) l.server = undefined;
      if (!this.warned.has(l.spec.address)) {
        this.warned.add(l.spec.address);
        this.log(`cannot listen on ${l.spec.address} for ${l.spec.service}: ${err.code ?? err.message}`);
      }
    });
    server.listen(l.spec.port, l.spec.host);
  }

  private close(l: Listener): void {
    l.server?.close();
    l.server = undefined;
  }

  private pick(l: Listener, clientIP: string): Backend | undefined {
    const { backends } = l.spec;
    if (backends.length === 0) return undefined;
    if (l.spec.affinitySeconds !== undefined) {
      const now = Date.now();
      const held = l.affinity.get(clientIP);
      if (held && held.until > now && backends.some((b) => b.ip === held.backend.ip && b.port === held.backend.port)) {
        held.until = now + l.spec.affinitySeconds * 1000;
        return held.backend;
      }
    }
    const backend = backends[l.next++ % backends.length];
    if (l.spec.affinitySeconds !== undefined) l.affinity.set(clientIP, { backend, until: Date.now() + l.spec.affinitySeconds * 1000 });
    return backend;
  }

  private forward(l: Listener, client: net.Socket): void {
    const backend = this.pick(l, client.remoteAddress ?? '');
    if (!backend) return void client.destroy();
    const upstream = net.connect({ host: backend.ip, port: backend.port, noDelay: true });
    // Relay bytes as they come: Nagle on either leg would hold back small writes by tens of ms.
    client.setNoDelay(true);
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
  }
}

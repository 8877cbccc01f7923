/**
 * kube-proxy's user-space mode, for when iptables mode cannot run (not
 * root): for every Service port (TCP) it listens on ClusterIP:port (the
 * default service range is on loopback, so it can bind there) and, for
 * NodePort Services, on 127.0.0.1:nodePort, and forwards each connection to
 * a ready endpoint: round robin, or the same endpoint per client IP with
 * sessionAffinity ClientIP. A Service port with no ready endpoint closes
 * its listener, so clients get connection refused, as kube-proxy's REJECT
 * rule gives them.
 */
import net from 'node:net';
import type { Backend, ListenerSpec } from './proxy-plan';

interface Listener {
  spec: ListenerSpec;
  server?: net.Server;
  next: number;
  affinity: Map<string, { backend: Backend; until: number }>;
}

export class UserspaceBackend {
  private readonly listeners = new Map<string, Listener>();
  private readonly warned = new Set<string>();

  constructor(private readonly log: (line: string) => void) {}

  /** Listens for exactly `listeners` (those with backends), forwarding to their current backends. */
  apply(listeners: ListenerSpec[]): void {
    const wanted = new Map(listeners.map((spec) => [spec.address, spec]));
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

  /** Closes every listener. */
  async teardown(): Promise<void> {
    for (const l of this.listeners.values()) this.close(l);
    this.listeners.clear();
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

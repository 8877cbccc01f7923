/**
 * Runs kube-proxy's iptables mode (rules from iptables-rules.ts): the
 * kernel forwards Service connections, so the proxy adds no process hop.
 * Needs root and the iptables tools; `unavailable()` says why not
 * otherwise, and the agent falls back to the user-space proxy.
 *
 * Like kube-proxy, it sets net.ipv4.conf.all.route_localnet=1 so that a
 * connection to a loopback Service address (127.0.0.1:nodePort, or a
 * ClusterIP in the default loopback range) may be DNATed to a pod.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { chainPrefix, chainsIn, restorePlan, teardownPlan, topChains } from './iptables-rules';
import type { ListenerSpec } from './proxy-plan';

const ROUTE_LOCALNET = '/proc/sys/net/ipv4/conf/all/route_localnet';

function run(command: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${command} ${args.join(' ')}: ${String(stderr).trim() || err.message}`));
      else resolve(String(stdout));
    });
    if (input !== undefined) child.stdin!.end(input);
  });
}

/** Why iptables mode cannot run here, or undefined when it can. */
export async function iptablesUnavailable(): Promise<string | undefined> {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.getuid?.() !== 0) return 'not root';
  try {
    await run('iptables', ['-w', '-t', 'nat', '-S', 'OUTPUT']);
    await run('iptables-restore', ['--version']);
  } catch (err) {
    return `iptables does not work here (${(err as Error).message.split('\n')[0]})`;
  }
  try {
    readFileSync(ROUTE_LOCALNET, 'utf8');
  } catch {
    return `cannot read ${ROUTE_LOCALNET}`;
  }
  return undefined;
}

export class IptablesBackend {
  readonly prefix: string;
  private chains = new Set<string>();
  private pending: ListenerSpec[] | undefined;
  private writing: Promise<void> | undefined;
  private lastError = '';

  constructor(node: string, private readonly log: (line: string) => void) {
    this.prefix = chainPrefix(node);
  }

  /** Takes over this node's chains (a previous run's are replaced), sets route_localnet, and hooks the chains in. */
  async setup(): Promise<void> {
    if (readFileSync(ROUTE_LOCALNET, 'utf8').trim() !== '1') {
      writeFileSync(ROUTE_LOCALNET, '1');
      this.log('set net.ipv4.conf.all.route_localnet=1, so loopback Service addresses can be forwarded to pods');
    }
    const leftover = chainsIn(await run('iptables-save', ['-t', 'nat']), this.prefix);
    const top = topChains(this.prefix);
    await run('iptables-restore', ['-w', '--noflush'], restorePlan(this.prefix, [], leftover.filter((c) => c !== top.services && c !== top.postrouting)).input);
    await this.hook('nat', 'OUTPUT', top.services);
    // Connections from pods (through docker0): they reach a Service when its ClusterIP is routable (a non-loopback range).
    await this.hook('nat', 'PREROUTING', top.services);
    await this.hook('nat', 'POSTROUTING', top.postrouting);
    await this.hook('filter', 'OUTPUT', top.reject);
    await this.hook('filter', 'FORWARD', top.reject);
  }

  /** Installs the rules for `listeners`; calls made while a restore runs collapse into one more. Resolves once written. */
  apply(listeners: ListenerSpec[]): Promise<void> {
    this.pending = listeners;
    if (!this.writing) {
      this.writing = (async () => {
        while (this.pending) {
          const next = this.pending;
          this.pending = undefined;
          const plan = restorePlan(this.prefix, next, this.chains);
          try {
            await run('iptables-restore', ['-w', '--noflush'], plan.input);
            this.chains = plan.chains;
            this.lastError = '';
          } catch (err) {
            // Said once per distinct failure; the next change tries again.
            const message = (err as Error).message;
            if (message !== this.lastError) this.log(`iptables-restore failed: ${message}`);
            this.lastError = message;
          }
        }
      })().finally(() => (this.writing = undefined));
    }
    return this.writing;
  }

  /** Unhooks and deletes this node's chains, also those a run that was killed left behind. */
  async teardown(): Promise<void> {
    while (this.writing) await this.writing;
    for (const c of chainsIn(await run('iptables-save', ['-t', 'nat']).catch(() => ''), this.prefix)) this.chains.add(c);
    const top = topChains(this.prefix);
    await this.unhook('nat', 'OUTPUT', top.services);
    await this.unhook('nat', 'PREROUTING', top.services);
    await this.unhook('nat', 'POSTROUTING', top.postrouting);
    await this.unhook('filter', 'OUTPUT', top.reject);
    await this.unhook('filter', 'FORWARD', top.reject);
    await run('iptables-restore', ['-w', '--noflush'], teardownPlan(this.prefix, this.chains)).catch((err: Error) => this.log(`iptables teardown: ${err.message}`));
    this.chains.clear();
  }

  /** `-I builtin 1 -j chain` unless there: the newest agent's rules are seen first. */
  private async hook(table: string, builtin: string, chain: string): Promise<void> {
    const exists = await run('iptables', ['-w', '-t', table, '-C', builtin, '-j', chain]).then(() => true, () => false);
    if (!exists) await run('iptables', ['-w', '-t', table, '-I', builtin, '1', '-j', chain]);
  }

  private async unhook(table: string, builtin: string, chain: string): Promise<void> {
    // -D removes one occurrence at a time; a crashed run could have left more.
    for (let i = 0; i < 10; i++) {
      const removed = await run('iptables', ['-w', '-t', table, '-D', builtin, '-j', chain]).then(() => true, () => false);
      if (!removed) return;
    }
  }
}

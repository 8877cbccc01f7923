import { HAIRPIN_MARK, chainPrefix, chainsIn, restorePlan, teardownPlan, topChains } from './iptables-rules';
import type { ListenerSpec } from './proxy-plan';

const prefix = chainPrefix('node-a');
const top = topChains(prefix);

function listener(over: Partial<ListenerSpec> = {}): ListenerSpec {
  return {
    address: '127.10.0.7:80', host: '127.10.0.7', port: 80, service: 'default/web', portName: 'http',
    backends: [{ ip: '172.17.0.2', port: 8080 }, { ip: '172.17.0.3', port: 8080 }, { ip: '172.17.0.4', port: 8080 }],
    ...over,
  };
}

function natLines(input: string): string[] {
  return input.slice(input.indexOf('*nat'), input.indexOf('*filter')).split('\n');
}

describe('iptables rules', () => {
  it('names chains per node, within the 28-character limit', () => {
    expect(prefix).toMatch(/^CK-[0-9A-F]{6}$/);
    expect(chainPrefix('node-b')).not.toBe(prefix);
    const plan = restorePlan(prefix, [listener()]);
    for (const c of [...plan.chains, top.services, top.postrouting, top.reject]) expect(c.length).toBeLessThanOrEqual(28);
  });

  it('round robin over the ready endpoints: rule i of n takes every (n-i)th new connection, the last takes the rest', () => {
    const plan = restorePlan(prefix, [listener()]);
    const nat = natLines(plan.input);
    const jump = nat.find((l) => l.startsWith(`-A ${top.services} `))!;
    expect(jump).toContain('-d 127.10.0.7/32 -p tcp -m tcp --dport 80');
    const svcChain = jump.split(' -j ')[1];
    const svcRules = nat.filter((l) => l.startsWith(`-A ${svcChain} `));
    expect(svcRules.map((l) => /--every (\d+)/.exec(l)?.[1] ?? 'rest')).toEqual(['3', '2', 'rest']);
    const endpointChains = svcRules.map((l) => l.split(' -j ')[1]);
    const dnat = endpointChains.map((c) => nat.find((l) => l.startsWith(`-A ${c} `) && l.includes('DNAT'))!.split('--to-destination ')[1]);
    // A pod reaching its own Service is marked before the DNAT, and masqueraded, or it would answer itself.
    expect(nat.filter((l) => l.startsWith(`-A ${endpointChains[0]} `))).toEqual([
      `-A ${endpointChains[0]} -s 172.17.0.2/32 -j MARK --set-xmark ${HAIRPIN_MARK}`,
      `-A ${endpointChains[0]} -p tcp -j DNAT --to-destination 172.17.0.2:8080`,
    ]);
    expect(nat).toContain(`-A ${top.postrouting} -m mark --mark ${HAIRPIN_MARK} -j MASQUERADE`);
    expect(dnat).toEqual(['172.17.0.2:8080', '172.17.0.3:8080', '172.17.0.4:8080']);
    expect(plan.chains).toEqual(new Set([svcChain, ...endpointChains]));
    // Loopback sources are masqueraded once DNATed, or the pod could not answer.
    expect(nat).toContain(`-A ${top.postrouting} -s 127.0.0.0/8 ! -d 127.0.0.0/8 -m conntrack --ctstate DNAT -j MASQUERADE`);
  });

  it('sessionAffinity ClientIP: a recent client goes back to its endpoint before the round robin', () => {
    const nat = natLines(restorePlan(prefix, [listener({ affinitySeconds: 60 })]).input);
    const svcChain = nat.find((l) => l.startsWith(`-A ${top.services} `))!.split(' -j ')[1];
    const svcRules = nat.filter((l) => l.startsWith(`-A ${svcChain} `));
    expect(svcRules.slice(0, 3).every((l) => /-m recent --name (\S+) --rcheck --seconds 60 --reap -j \1$/.test(l))).toBe(true);
    expect(svcRules.slice(3).map((l) => /--every (\d+)/.exec(l)?.[1] ?? 'rest')).toEqual(['3', '2', 'rest']);
    const first = svcRules[0].split(' -j ')[1];
    expect(nat).toContain(`-A ${first} -p tcp -m recent --name ${first} --set -j DNAT --to-destination 172.17.0.2:8080`);
  });

  it('a Service address without ready endpoints is rejected, not forwarded', () => {
    const plan = restorePlan(prefix, [listener({ backends: [] })]);
    expect(plan.chains.size).toBe(0);
    expect(natLines(plan.input).some((l) => l.startsWith(`-A ${top.services}`))).toBe(false);
    expect(plan.input).toContain(`-A ${top.reject} -d 127.10.0.7/32 -p tcp -m tcp --dport 80 -m comment --comment "default/web:http" -j REJECT --reject-with tcp-reset`);
  });

  it('deletes the chains a change leaves unused, in the same restore', () => {
    const before = restorePlan(prefix, [listener()]);
    const after = restorePlan(prefix, [listener({ backends: [{ ip: '172.17.0.2', port: 8080 }] })], before.chains);
    const gone = [...before.chains].filter((c) => !after.chains.has(c));
    expect(gone).toHaveLength(2);
    for (const c of gone) {
      expect(after.input).toContain(`:${c} - [0:0]`);
      expect(after.input).toContain(`-X ${c}`);
    }
    for (const c of after.chains) expect(after.input).not.toContain(`-X ${c}`);
    // The rules are the same whatever order the listeners come in.
    const two = [listener(), listener({ address: '127.0.0.1:30080', host: '127.0.0.1', port: 30080 })];
    expect(restorePlan(prefix, two).input).toBe(restorePlan(prefix, [...two].reverse()).input);
  });

  it('finds a previous run\'s chains in iptables-save output, and tears them all down', () => {
    const save = ['*nat', `:${top.services} - [0:0]`, `:${prefix}-S0123456789 - [0:0]`, ':DOCKER - [0:0]', `:${chainPrefix('other')}-SERVICES - [0:0]`, 'COMMIT'].join('\n');
    expect(chainsIn(save, prefix)).toEqual([top.services, `${prefix}-S0123456789`]);
    const down = teardownPlan(prefix, [`${prefix}-S0123456789`]);
    for (const c of [top.services, top.postrouting, `${prefix}-S0123456789`]) expect(down).toContain(`-X ${c}`);
    expect(down).toContain(`-X ${top.reject}`);
    expect(down).not.toContain('DOCKER');
  });
});

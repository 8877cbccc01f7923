import fs from 'node:fs';
import { hostSystemInfo, simulatedSystemInfo } from './node-system-info';

// The fields kube's NodeSystemInfo marks required (the Python client refuses a Node without any of them).
const REQUIRED = ['architecture', 'bootID', 'containerRuntimeVersion', 'kernelVersion', 'kubeProxyVersion', 'kubeletVersion', 'machineID', 'operatingSystem', 'osImage', 'systemUUID'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

describe('node system info', () => {
  it('fills every required field of a simulated node, with ids stable per name and distinct between names', () => {
    const a = simulatedSystemInfo('sim-0');
    for (const f of REQUIRED) expect([f, typeof (a as unknown as Record<string, unknown>)[f], (a as unknown as Record<string, string>)[f].length > 0]).toEqual([f, 'string', true]);
    expect(simulatedSystemInfo('sim-0')).toEqual(a);
    const b = simulatedSystemInfo('sim-1');
    expect(b.bootID).not.toBe(a.bootID);
    expect(b.machineID).not.toBe(a.machineID);
    expect(b.systemUUID).not.toBe(a.systemUUID);
    expect(a.bootID).toMatch(UUID);
    expect(a.systemUUID).toMatch(UUID);
    expect(a.machineID).toMatch(/^[0-9a-f]{32}$/);
  });

  it('reports the host ids of a real node, and stable per-name ids for what the host lacks', () => {
    const info = hostSystemInfo('n1', 'docker://27.0.1');
    for (const f of REQUIRED) expect([f, ((info as unknown as Record<string, string>)[f] ?? '').length > 0]).toEqual([f, true]);
    expect(info.containerRuntimeVersion).toBe('docker://27.0.1');
    const bootId = fs.existsSync('/proc/sys/kernel/random/boot_id') ? fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() : undefined;
    if (bootId) expect(info.bootID).toBe(bootId);
    const machineId = fs.existsSync('/etc/machine-id') ? fs.readFileSync('/etc/machine-id', 'utf8').trim() : undefined;
    if (machineId) expect(info.machineID).toBe(machineId);
    expect(hostSystemInfo('n1', 'docker://27.0.1').systemUUID).toBe(info.systemUUID);
  });
});

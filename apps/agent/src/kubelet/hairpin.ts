/**
 * Hairpin mode on the pods' bridge, as the kubelet's --hairpin-mode=
 * hairpin-veth does: a pod that connects to its own Service is DNATed back
 * to itself, and with br_netfilter that packet must leave the bridge by the
 * port it came in on, which a bridge port does only in hairpin mode.
 * Without it, such a connection times out.
 */
import fs from 'node:fs';
import path from 'node:path';

/**
 * Sets hairpin_mode=1 on every port of `bridge` that lacks it (new pods
 * bring new ports). Returns the error message when it cannot (not root,
 * no such bridge), else undefined.
 */
export function enableHairpin(bridge: string, sysfs = '/sys/class/net'): string | undefined {
  const dir = path.join(sysfs, bridge, 'brif');
  try {
    for (const port of fs.readdirSync(dir)) {
      const file = path.join(dir, port, 'hairpin_mode');
      if (fs.readFileSync(file, 'utf8').trim() !== '1') fs.writeFileSync(file, '1');
    }
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

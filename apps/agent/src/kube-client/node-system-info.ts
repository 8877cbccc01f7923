/**
 * Node status.nodeInfo (kube's NodeSystemInfo) with every field the API marks
 * required, so strict clients (the official Python client refuses a Node
 * whose bootID, machineID or systemUUID is missing) can list nodes.
 * Real agents report the host's ids as the kubelet does (boot_id,
 * machine-id, the DMI product UUID); where the host has none, and for
 * simulated nodes, ids are derived from the node name, so they stay the
 * same across restarts of the agent.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';

/** kube's NodeSystemInfo: all ten fields are required by the API. */
export interface NodeSystemInfo {
  architecture: string;
  bootID: string;
  containerRuntimeVersion: string;
  kernelVersion: string;
  kubeProxyVersion: string;
  kubeletVersion: string;
  machineID: string;
  operatingSystem: string;
  osImage: string;
  systemUUID: string;
}

export const KUBELET_VERSION = 'v1.32.0-chronokube';

/** 32 hex digits derived from a label and the node name (the same every time). */
function derivedHex(label: string, nodeName: string): string {
  return createHash('sha256').update(`chronokube:${label}:${nodeName}`).digest('hex').slice(0, 32);
}

/** 32 hex digits as a UUID (8-4-4-4-12). */
function asUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function readTrimmed(file: string): string | undefined {
  try {
    const text = fs.readFileSync(file, 'utf8').trim();
    return text || undefined;
  } catch {
    return undefined;
  }
}

/** PRETTY_NAME of /etc/os-release, as the kubelet reports osImage. */
function osImage(): string {
  const release = readTrimmed('/etc/os-release');
  const pretty = release && /^PRETTY_NAME=("?)(.*)\1$/m.exec(release)?.[2];
  return pretty || `${os.type()} ${os.release()}`;
}

/** The architecture in Go's words (GOARCH), as kube labels and reports it. */
export function goArch(arch: string = process.arch): string {
  return arch === 'x64' ? 'amd64' : arch === 'ia32' ? '386' : arch;
}

/** nodeInfo of an agent running on this machine with the given runtime version string. */
export function hostSystemInfo(nodeName: string, containerRuntimeVersion: string): NodeSystemInfo {
  // Several agents may share one machine (tests, `chronokube agent` twice): the
  // machine's own ids where it has them, per-name ids where it has not.
  const bootTime = String(Math.round(Date.now() / 1000 - os.uptime()));
  return {
    architecture: goArch(),
    bootID: readTrimmed('/proc/sys/kernel/random/boot_id') ?? asUuid(derivedHex(`boot:${bootTime}`, nodeName)),
    containerRuntimeVersion,
    kernelVersion: os.release(),
    kubeProxyVersion: KUBELET_VERSION,
    kubeletVersion: KUBELET_VERSION,
    machineID: readTrimmed('/etc/machine-id') ?? derivedHex('machine', nodeName),
    operatingSystem: 'linux',
    osImage: osImage(),
    systemUUID: readTrimmed('/sys/class/dmi/id/product_uuid') ?? asUuid(derivedHex('system', nodeName)).toUpperCase(),
  };
}

/** nodeInfo of a simulated node: stable generated ids, nothing read from the host. */
export function simulatedSystemInfo(nodeName: string): NodeSystemInfo {
  return {
    architecture: 'amd64',
    bootID: asUuid(derivedHex('boot', nodeName)),
    containerRuntimeVersion: 'sim://0.1',
    kernelVersion: 'simulated',
    kubeProxyVersion: `${KUBELET_VERSION}-sim`,
    kubeletVersion: `${KUBELET_VERSION}-sim`,
    machineID: derivedHex('machine', nodeName),
    operatingSystem: 'linux',
    osImage: 'simulated',
    systemUUID: asUuid(derivedHex('system', nodeName)).toUpperCase(),
  };
}

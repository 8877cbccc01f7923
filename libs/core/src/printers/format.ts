/**
 * Small cell formatters shared by several kinds. Each reproduces the string
 * kube's printers produce, because kubectl shows cells without reformatting.
 */
import type { LabelSelector } from '../api/meta';
import type { Container } from '../api/types';

/** The placeholder kube prints for an absent value. */
export const NONE = '<none>';

/**
 * A label map as "a=1,b=2" with keys sorted (kube's labels.FormatLabels),
 * or "<none>" when there are no labels.
 */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return NONE;
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/**
 * A LabelSelector as kube's labels.Selector.String(): requirements sorted by
 * key, `k=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`, values sorted.
 * Returns '' for a missing or empty selector and undefined for one kube
 * would refuse to convert (unknown operator, or values that do not fit it).
 * Label key/value syntax is not re-validated here: admission did that.
 */
export function selectorString(selector: LabelSelector | undefined): string | undefined {
  if (!selector) return '';
  const parts: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    parts.push({ key, text: `${key}=${value}` });
  }
  for (const req of selector.matchExpressions ?? []) {
    const values = [...(req.values ?? [])].sort();
    switch (req.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) return undefined;
        parts.push({ key: req.key, text: `${req.key} ${req.operator === 'In' ? 'in' : 'notin'} (${values.join(',')})` });
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) return undefined;
        parts.push({ key: req.key, text: req.operator === 'Exists' ? req.key : `!${req.key}` });
        break;
      default:
        return undefined;
    }
  }
  // A stable sort on the key alone, as kube's ByKey ordering does.
  parts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return parts.map((p) => p.text).join(',');
}

/**
 * A selector for the wide SELECTOR column of ReplicaSets (kube's
 * metav1.FormatLabelSelector): "<none>" when empty, "<error>" when invalid.
 */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  const s = selectorString(selector);
  if (s === undefined) return '<error>';
  return s === '' ? NONE : s;
}

/** Container names and images, each joined with "," (the CONTAINERS and IMAGES cells). */
export function containerCells(containers: Container[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}

/** host:port, with IPv6 hosts bracketed as Go's net.JoinHostPort does. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

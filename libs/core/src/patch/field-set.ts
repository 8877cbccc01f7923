/**
 * Sets of field paths, the unit of ownership in server-side apply, and
 * their wire form `fieldsV1` (metadata.managedFields[].fieldsV1).
 *
 * A path is a list of elements spelled as in fieldsV1:
 *   `f:<name>`        an object field
 *   `k:<json object>` an associative-list item, by its key fields
 *   `v:<json value>`  a set-list item, by its value
 *   `i:<index>`       a list item by position (read, never produced here)
 * A set holds paths encoded as JSON strings, which makes union, difference
 * and membership plain Set operations.
 */

export type FieldPath = readonly string[];
export type FieldSet = ReadonlySet<string>;

/** The set key of a path. */
export function encodePath(path: FieldPath): string {
  return JSON.stringify(path);
}

/** The path a set key stands for. */
export function decodePath(key: string): string[] {
  return JSON.parse(key) as string[];
}

/** A set holding the given paths. */
export function fieldSetOf(paths: Iterable<FieldPath>): Set<string> {
  const s = new Set<string>();
  for (const p of paths) s.add(encodePath(p));
  return s;
}

/** Every path in any of the sets. */
export function union(...sets: FieldSet[]): Set<string> {
  const out = new Set<string>();
  for (const s of sets) for (const k of s) out.add(k);
  return out;
}

/** Paths of `a` not in `b`. */
export function difference(a: FieldSet, b: FieldSet): Set<string> {
  const out = new Set<string>();
  for (const k of a) if (!b.has(k)) out.add(k);
  return out;
}

/** Paths in both sets. */
export function intersection(a: FieldSet, b: FieldSet): Set<string> {
  const out = new Set<string>();
  for (const k of a) if (b.has(k)) out.add(k);
  return out;
}

/** True when the two sets hold the same paths. */
export function sameFieldSet(a: FieldSet, b: FieldSet): boolean {
  return a.size === b.size && [...a].every((k) => b.has(k));
}

/** Does the set hold a path strictly below `path`? */
export function hasDescendant(set: FieldSet, path: FieldPath): boolean {
  // '["f:a","f:b"]' is below '["f:a"]' exactly when it starts with '["f:a",'.
  const prefix = encodePath(path).slice(0, -1) + (path.length ? ',' : '');
  for (const k of set) if (k.length > prefix.length + 1 && k.startsWith(prefix)) return true;
  return false;
}

/** Read a fieldsV1 tree: `"."` marks its node as a member, `{}` is a leaf member. */
export function fromFieldsV1(tree: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (node: unknown, path: string[]): void => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
    const keys = Object.keys(node);
    if (path.length && (keys.length === 0 || keys.includes('.'))) out.add(encodePath(path));
    for (const k of keys) if (k !== '.') walk((node as Record<string, unknown>)[k], [...path, k]);
  };
  walk(tree, []);
  return out;
}

interface TreeNode { member: boolean; children: Map<string, TreeNode> }

const KIND_ORDER: Record<string, number> = { f: 0, v: 1, i: 2, k: 3 };

function compareElements(a: string, b: string): number {
  const d = (KIND_ORDER[a[0]] ?? 9) - (KIND_ORDER[b[0]] ?? 9);
  if (d) return d;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Write a set as a fieldsV1 tree, children in a stable order. */
export function toFieldsV1(set: FieldSet): Record<string, unknown> {
  const root: TreeNode = { member: false, children: new Map() };
  for (const key of set) {
    let node = root;
    for (const el of decodePath(key)) {
      let next = node.children.get(el);
      if (!next) node.children.set(el, (next = { member: false, children: new Map() }));
      node = next;
    }
    node.member = true;
  }
  const render = (node: TreeNode): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    if (node.member && node.children.size) out['.'] = {};
    for (const el of [...node.children.keys()].sort(compareElements)) out[el] = render(node.children.get(el) as TreeNode);
    return out;
  };
  return render(root);
}

/** A scalar the way structured-merge-diff prints it in a path: strings quoted, numbers bare. */
function scalarText(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? 'null';
}

/**
 * A path as kube prints it in conflict messages, e.g.
 * `.spec.template.spec.containers[name="nginx"].image` or `.metadata.finalizers[="x"]`.
 */
export function formatFieldPath(path: FieldPath): string {
  return path
    .map((el) => {
      const body = el.slice(2);
      switch (el.slice(0, 2)) {
        case 'f:':
          return `.${body}`;
        case 'k:': {
          const key = JSON.parse(body) as Record<string, unknown>;
          return `[${Object.keys(key).sort().map((k) => `${k}=${scalarText(key[k])}`).join(',')}]`;
        }
        case 'v:':
          return `[=${scalarText(JSON.parse(body))}]`;
        case 'i:':
          return `[${body}]`;
        default:
          return el;
      }
    })
    .join('');
}

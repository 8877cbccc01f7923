/**
 * Field paths in the exact form k8s.io/apimachinery's field.Path prints them:
 * `spec.containers[0].image`, `data[key.name]`, `metadata.labels`. kubectl
 * shows these verbatim, so they are built one way only.
 */

/** `parent.name` (or just `name` at the root). */
export function child(parent: string, ...names: string[]): string {
  return [parent, ...names].filter((p) => p !== '').join('.');
}

/** `parent[i]`. */
export function index(parent: string, i: number): string {
  return `${parent}[${i}]`;
}

/** `parent[key]`: map keys are printed unquoted, as field.Path.Key does. */
export function key(parent: string, k: string): string {
  return `${parent}[${k}]`;
}

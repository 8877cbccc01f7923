/**
 * Field selectors (`?fieldSelector=`, `kubectl --field-selector`):
 * `field=value`, `field==value`, `field!=value`, joined by commas (AND).
 * In a value, `\,` `\=` and `\\` stand for the literal characters, as in
 * k8s.io/apimachinery fields.ParseSelector. Only the fields a kind makes
 * selectable may be used (see selectable-fields.ts).
 */
import { badRequest } from '../api/errors';
import type { KubeObject } from '../api/meta';
import { isSelectableField, selectableFieldValue } from './selectable-fields';

export interface FieldRequirement {
  readonly field: string;
  readonly operator: '=' | '!=';
  readonly value: string;
}

/** A compiled field selector: call it with an object of the kind it was parsed for. */
export interface FieldMatcher {
  (obj: KubeObject): boolean;
  /** The same test as a method. */
  matches(obj: KubeObject): boolean;
  /** The ANDed requirements, in kube's (sorted) order. */
  readonly requirements: readonly FieldRequirement[];
  /** Matches every object. */
  readonly empty: boolean;
  /**
   * The value an `=` requirement pins `field` to (kube's
   * RequiresExactMatch), so e.g. `metadata.name=x` can become a lookup.
   */
  exactMatch(field: string): string | undefined;
  /** The selector in its canonical string form (values re-escaped). */
  toString(): string;
}

/** Split on commas that are not escaped with a backslash. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let start = 0;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (escaped) escaped = false;
    else if (c === '\\') escaped = true;
    else if (c === ',') {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms;
}

/** The first operator in the term splits it; `!=` and `==` are tried before `=` at each position. */
function splitTerm(term: string): [string, '=' | '!=', string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '='] as const) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op === '!=' ? '!=' : '=', term.slice(i + op.length)];
    }
  }
  return undefined;
}

/** Undo value escaping; a bare `,` or `=`, or an unknown escape, is an error (kube's wording). */
export function unescapeFieldValue(value: string): string {
  let out = '';
  let escaped = false;
  for (const c of value) {
    if (escaped) {
      if (c !== '\\' && c !== ',' && c !== '=') throw badRequest(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      escaped = false;
    } else if (c === '\\') escaped = true;
    else if (c === ',' || c === '=') throw badRequest(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (escaped) throw badRequest('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** Escape a value so it survives splitting and unescaping. */
export function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/**
 * Parse a field selector for objects of `kind`. "" matches everything.
 * Throws a 400 BadRequest ApiError on bad syntax, and with kube's
 * `field label not supported: <field>` for a field the kind does not offer.
 */
export function parseFieldSelector(kind: string, text: string): FieldMatcher {
  const requirements: FieldRequirement[] = [];
  for (const term of splitTerms(text).sort()) {
    if (term === '') continue;
    const parts = splitTerm(term);
    if (!parts) throw badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
    const field = parts[0].trim();
    const value = unescapeFieldValue(parts[2]);
    if (!isSelectableField(kind, field)) throw badRequest(`field label not supported: ${field}`);
    requirements.push({ field, operator: parts[1], value });
  }
  const fn = (obj: KubeObject): boolean =>
    requirements.every((r) => (selectableFieldValue(kind, r.field, obj) === r.value) === (r.operator === '='));
  const canonical = requirements.map((r) => `${r.field}${r.operator}${escapeFieldValue(r.value)}`).join(',');
  return Object.assign(fn, {
    matches: fn,
    requirements,
    empty: requirements.length === 0,
    exactMatch: (field: string) => requirements.find((r) => r.field === field && r.operator === '=')?.value,
    toString: () => canonical,
  });
}

/**
 * Label selectors as matchers: from the string syntax (`?labelSelector=`),
 * from a metav1.LabelSelector object (Deployment/ReplicaSet `spec.selector`)
 * and from a plain label set (Service `spec.selector`). All three produce
 * the same callable LabelMatcher, so list filtering, watch filtering and
 * controllers share one implementation.
 */
import { badRequest, fieldError, type FieldError } from '../api/errors';
import type { LabelSelector } from '../api/meta';
import {
  aggregateMessage, requirementErrors, requirementMatches, requirementToString,
  type LabelOperator, type LabelRequirement,
} from './label-requirement';
import { parseLabelRequirements } from './label-parser';
import { isQualifiedName, isValidLabelValue } from '../admission/names';

export type Labels = Readonly<Record<string, string>> | undefined;

/** A compiled selector: call it with an object's labels. */
export interface LabelMatcher {
  (labels: Labels): boolean;
  /** The same test as a method, for call sites that read better that way. */
  matches(labels: Labels): boolean;
  /** The ANDed requirements, sorted by key. */
  readonly requirements: readonly LabelRequirement[];
  /** Matches every label set (no requirements). */
  readonly empty: boolean;
  /** Matches no label set (kube's labels.Nothing(), what a nil selector means to controllers). */
  readonly matchesNothing: boolean;
  /** The selector in string syntax, e.g. `app=web,tier in (a,b)`; "" for everything and nothing. */
  toString(): string;
}

function matcher(requirements: LabelRequirement[], matchesNothing = false): LabelMatcher {
  const sorted = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const fn = (labels: Labels): boolean => !matchesNothing && sorted.every((r) => requirementMatches(r, labels));
  const text = sorted.map(requirementToString).join(',');
  return Object.assign(fn, {
    matches: fn,
    requirements: sorted,
    empty: !matchesNothing && sorted.length === 0,
    matchesNothing,
    toString: () => text,
  });
}

/** The selector that matches everything (kube's labels.Everything()). */
export function everythingSelector(): LabelMatcher {
  return matcher([]);
}

/** The selector that matches nothing (kube's labels.Nothing()). */
export function nothingSelector(): LabelMatcher {
  return matcher([], true);
}

/**
 * Parse the label selector string syntax. "" matches everything. Throws a
 * 400 BadRequest ApiError with kube's wording on bad syntax or invalid
 * keys/values (e.g. `unable to parse requirement: found '', expected: identifier`).
 */
export function parseLabelSelector(text: string): LabelMatcher {
  return matcher(parseLabelRequirements(text));
}

const OPERATORS: Record<string, LabelOperator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * The matcher for a metav1.LabelSelector (kube's LabelSelectorAsSelector):
 * null/undefined matches nothing, `{}` matches everything, otherwise every
 * matchLabels pair and matchExpressions entry must hold. Throws a 400
 * BadRequest ApiError for an invalid selector; validate objects with
 * validateLabelSelector first to get field errors instead.
 */
export function selectorFromLabelSelector(sel: LabelSelector | null | undefined): LabelMatcher {
  if (sel === null || sel === undefined) return nothingSelector();
  const reqs: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) reqs.push(checked(key, '=', [value]));
  for (const expr of sel.matchExpressions ?? []) {
    const op = OPERATORS[expr.operator];
    if (!op) throw badRequest(`${JSON.stringify(expr.operator)} is not a valid label selector operator`);
    reqs.push(checked(expr.key, op, [...(expr.values ?? [])]));
  }
  return matcher(reqs);
}

function checked(key: string, operator: LabelOperator, values: string[]): LabelRequirement {
  const errs = requirementErrors(key, operator, values);
  if (errs.length) throw badRequest(aggregateMessage(errs));
  return { key, operator, values };
}

/**
 * The matcher for a plain label set such as a Service's `spec.selector`
 * (kube's SelectorFromSet): every pair must match; an empty or missing set
 * matches everything, so callers that mean "select nothing" must check.
 */
export function selectorFromSet(set: Readonly<Record<string, string>> | undefined): LabelMatcher {
  return matcher(Object.entries(set ?? {}).map(([key, value]) => checked(key, '=', [value])));
}

/** Does the label set match the metav1.LabelSelector? (nil matches nothing, `{}` everything.) */
export function labelSelectorMatches(sel: LabelSelector | null | undefined, labels: Labels): boolean {
  return selectorFromLabelSelector(sel)(labels);
}

/**
 * Field errors for a metav1.LabelSelector at `fieldPath` (kube's
 * ValidateLabelSelector), e.g. `spec.selector.matchExpressions[0].values`.
 * A null/undefined selector is valid here; whether one is required is the
 * caller's rule.
 */
export function validateLabelSelector(sel: LabelSelector | null | undefined, fieldPath: string): FieldError[] {
  if (sel === null || sel === undefined) return [];
  const errs: FieldError[] = [...validateLabels(sel.matchLabels, `${fieldPath}.matchLabels`)];
  (sel.matchExpressions ?? []).forEach((expr, i) => {
    const at = `${fieldPath}.matchExpressions[${i}]`;
    const values = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(fieldError.required(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(fieldError.forbidden(`${at}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(fieldError.invalid(`${at}.operator`, expr.operator, 'not a valid selector operator'));
    }
    for (const m of isQualifiedName(expr.key ?? '')) errs.push(fieldError.invalid(`${at}.key`, expr.key, m));
    values.forEach((v, j) => {
      for (const m of isValidLabelValue(v)) errs.push(fieldError.invalid(`${at}.values[${j}]`, v, m));
    });
  });
  return errs;
}

/** Field errors for a label map (metadata.labels, matchLabels): keys are qualified names, values label values. */
export function validateLabels(labels: Readonly<Record<string, string>> | undefined, fieldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const m of isQualifiedName(k)) errs.push(fieldError.invalid(fieldPath, k, m));
    for (const m of isValidLabelValue(v)) errs.push(fieldError.invalid(fieldPath, v, m));
  }
  return errs;
}

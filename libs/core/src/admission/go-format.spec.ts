import { fieldError } from '../api/errors';
import {
  goLabelSelector, goString, goStringMap, goStringSlice, kubeFieldErrorBody, kubeInvalidMessage, withGoValue,
} from './go-format';

describe('Go value rendering', () => {
  it('quotes strings like %q', () => {
    expect(goString('a"b\\c\n')).toBe('"a\\"b\\\\c\\n"');
    expect(goString('\x01')).toBe('"\\x01"');
  });
  it('prints maps sorted, nil when absent', () => {
    expect(goStringMap({ tier: 'web', app: 'x' })).toBe('map[string]string{"app":"x", "tier":"web"}');
    expect(goStringMap(undefined)).toBe('map[string]string(nil)');
    expect(goStringMap({})).toBe('map[string]string{}');
  });
  it('prints slices and label selectors', () => {
    expect(goStringSlice(['10.0.0.1'])).toBe('[]string{"10.0.0.1"}');
    expect(goStringSlice(undefined)).toBe('[]string(nil)');
    expect(goLabelSelector({ matchLabels: { app: 'web' } }))
      .toBe('v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}');
    expect(goLabelSelector({ matchExpressions: [{ key: 'k', operator: 'In', values: ['a'] }] }))
      .toBe('v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"k", Operator:"In", Values:[]string{"a"}}}}');
  });
});

describe('kube field error text', () => {
  it('uses the Go value when one was recorded', () => {
    const e = withGoValue(fieldError.invalid('spec.x', { a: 'b' }, 'bad'), 'map[string]string{"a":"b"}');
    expect(kubeFieldErrorBody(e)).toBe('Invalid value: map[string]string{"a":"b"}: bad');
    expect(kubeFieldErrorBody(fieldError.invalid('spec.x', 'v', 'bad'))).toBe('Invalid value: "v": bad');
    expect(kubeFieldErrorBody(withGoValue(fieldError.duplicate('p', 1), 'X{}'))).toBe('Duplicate value: X{}');
    expect(kubeFieldErrorBody(withGoValue(fieldError.required('p'), 'ignored'))).toBe('Required value');
  });
  it('aggregates several errors in brackets', () => {
    const msg = kubeInvalidMessage('Deployment', 'web', [fieldError.required('spec.selector'), fieldError.required('spec.template')], 'apps');
    expect(msg).toBe('Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template: Required value]');
  });
});

import type { Deployment, ReplicaSet } from '../api/types';
import { applyDefaults } from './defaults';
import { kubeFieldErrorMessage, kubeInvalidMessage } from './go-format';
import { validateCreate, validateStatusUpdate, validateUpdate } from './validate';

const deployment = (spec: Partial<Deployment['spec']> = {}, labels: Record<string, string> | undefined = { app: 'web' }): Deployment =>
  applyDefaults('Deployment', {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', uid: 'u', generation: 1 },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
      ...spec,
    },
  });
const create = (d: Deployment | ReplicaSet, kind = 'Deployment') => validateCreate(kind, d).map(kubeFieldErrorMessage);

describe('Deployment create', () => {
  it('accepts a defaulted deployment', () => {
    expect(validateCreate('Deployment', deployment())).toEqual([]);
  });

  it('reports a selector/template mismatch in kube\'s exact words', () => {
    const d = deployment({}, { app: 'api' });
    expect(kubeInvalidMessage('Deployment', 'web', validateCreate('Deployment', d), 'apps'))
      .toBe('Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"api"}: `selector` does not match template `labels`');
  });

  it('a missing selector is required and also matches nothing', () => {
    const d = deployment({ selector: undefined as never });
    expect(create(d)).toEqual([
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);
  });

  it('an empty selector is invalid but selects everything', () => {
    expect(create(deployment({ selector: {} }))).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    ]);
  });

  it('matchExpressions select too', () => {
    const sel = { matchExpressions: [{ key: 'app', operator: 'In' as const, values: ['web', 'api'] }] };
    expect(validateCreate('Deployment', deployment({ selector: sel }))).toEqual([]);
    const notIn = { matchExpressions: [{ key: 'app', operator: 'NotIn' as const, values: ['web'] }] };
    expect(create(deployment({ selector: notIn }))[0]).toMatch(/`selector` does not match template `labels`$/);
  });

  it('a malformed selector is reported and the template is not checked', () => {
    const bad = { matchExpressions: [{ key: 'app', operator: 'Near' as 'In', values: ['x'] }] };
    expect(create(deployment({ selector: bad }, { other: 'x' }))).toEqual([
      'spec.selector.matchExpressions[0].operator: Invalid value: "Near": not a valid selector operator',
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"Near", Values:[]string{"x"}}}}: invalid label selector',
    ]);
  });

  it('validates the template with paths under spec.template.spec', () => {
    const d = deployment();
    d.spec.template.spec.containers[0].image = '';
    d.spec.template.spec.containers.push({ ...d.spec.template.spec.containers[0], name: 'Bad', image: 'x' });
    const errs = create(d);
    expect(errs[0]).toBe('spec.template.spec.containers[0].image: Required value');
    expect(errs[1]).toMatch(/^spec\.template\.spec\.containers\[1\]\.name: Invalid value: "Bad": a lowercase RFC 1123 label/);
    expect(errs).toHaveLength(2);
  });

  it('template labels are reported at spec.template.labels, as kube does', () => {
    const errs = create(deployment({}, { app: 'web', 'a b': 'x' }));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^spec\.template\.labels: Invalid value: "a b": name part must consist of/);
  });

  it('templates must always restart and have no deadline', () => {
    const d = deployment();
    d.spec.template.spec.restartPolicy = 'Never';
    d.spec.template.spec.activeDeadlineSeconds = 10;
    expect(create(d)).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported',
    ]);
  });

  it('checks counts and the rollout strategy', () => {
    expect(create(deployment({ replicas: -1 }))).toEqual(['spec.replicas: Invalid value: -1: must be greater than or equal to 0']);
    expect(create(deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } } })))
      .toEqual(['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0']);
    expect(create(deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '10', maxUnavailable: '150%' } } }))).toEqual([
      "spec.strategy.rollingUpdate.maxSurge: Invalid value: \"10\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%',
    ]);
    expect(create(deployment({ strategy: { type: 'Recreate', rollingUpdate: {} } }))).toEqual([
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ]);
    expect(create(deployment({ progressDeadlineSeconds: 5, minReadySeconds: 10 }))).toEqual([
      'spec.progressDeadlineSeconds: Invalid value: 5: must be greater than minReadySeconds',
    ]);
  });
});

describe('Deployment update', () => {
  const old = deployment();

  it('allows scaling and template changes', () => {
    const next = deployment({ replicas: 5 });
    next.spec.template.spec.containers[0].image = 'nginx:2';
    expect(validateUpdate('Deployment', old, next)).toEqual([]);
  });

  it('the apps/v1 selector is immutable (kube\'s message)', () => {
    const next = deployment({ selector: { matchLabels: { app: 'web', tier: 'fe' } } }, { app: 'web', tier: 'fe' });
    expect(kubeInvalidMessage('Deployment', 'web', validateUpdate('Deployment', old, next), 'apps'))
      .toBe('Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"fe"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable');
  });

  it('status counters must be consistent and collisionCount never drops', () => {
    const prev = { ...old, status: { replicas: 2, collisionCount: 3 } };
    const next = { ...old, status: { replicas: 1, readyReplicas: 2, availableReplicas: 3, collisionCount: 1 } };
    expect(validateStatusUpdate('Deployment', prev, next).map(kubeFieldErrorMessage)).toEqual([
      'status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas',
      'status.availableReplicas: Invalid value: 3: cannot be greater than status.replicas',
      'status.availableReplicas: Invalid value: 3: cannot be greater than readyReplicas',
      'status.collisionCount: Invalid value: 1: cannot be decremented',
    ]);
  });
});

describe('ReplicaSet', () => {
  const rs = (labels: Record<string, string>): ReplicaSet => applyDefaults('ReplicaSet', {
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'x' }] } } },
  });

  it('shares the selector rules', () => {
    expect(validateCreate('ReplicaSet', rs({ app: 'web', hash: '1' }))).toEqual([]);
    expect(create(rs({ app: 'other' }), 'ReplicaSet')).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
    ]);
  });

  it('its selector is immutable too, replicas may change', () => {
    const old = rs({ app: 'web' });
    const scaled = { ...old, spec: { ...old.spec, replicas: 3 } };
    expect(validateUpdate('ReplicaSet', old, scaled)).toEqual([]);
    const moved = { ...old, spec: { ...old.spec, selector: { matchLabels: {} } } };
    expect(validateUpdate('ReplicaSet', old, moved).map((e) => e.field)).toEqual(['spec.selector', 'spec.selector']);
  });

  it('status counters', () => {
    const old = rs({ app: 'web' });
    const next = { ...old, status: { replicas: 1, fullyLabeledReplicas: 2 } };
    expect(validateStatusUpdate('ReplicaSet', old, next).map(kubeFieldErrorMessage)).toEqual([
      'status.fullyLabeledReplicas: Invalid value: 2: cannot be greater than status.replicas',
    ]);
  });
});

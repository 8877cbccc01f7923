import { containerCells, formatLabels, formatLabelSelector, joinHostPort, selectorString } from './format';

describe('formatLabels', () => {
  it('sorts keys and joins k=v with commas', () => {
    expect(formatLabels({ tier: 'fe', app: 'web', 'app.kubernetes.io/name': 'x' })).toBe('app=web,app.kubernetes.io/name=x,tier=fe');
  });

  it('is <none> for no labels', () => {
    expect(formatLabels(undefined)).toBe('<none>');
    expect(formatLabels({})).toBe('<none>');
  });
});

describe('selectorString', () => {
  it('prints every operator the way kube does, sorted by key', () => {
    expect(selectorString({
      matchLabels: { z: '1' },
      matchExpressions: [
        { key: 'env', operator: 'NotIn', values: ['qa', 'dev'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'app', operator: 'Exists' },
        { key: 'tier', operator: 'In', values: ['fe'] },
      ],
    })).toBe('app,!canary,env notin (dev,qa),tier in (fe),z=1');
  });

  it('is empty for a missing or empty selector', () => {
    expect(selectorString(undefined)).toBe('');
    expect(selectorString({})).toBe('');
  });

  it('is undefined for selectors kube rejects', () => {
    expect(selectorString({ matchExpressions: [{ key: 'a', operator: 'NotIn', values: [] }] })).toBeUndefined();
    expect(selectorString({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] })).toBeUndefined();
    expect(selectorString({ matchExpressions: [{ key: 'a', operator: 'Gt' as never, values: ['1'] }] })).toBeUndefined();
  });
});

describe('formatLabelSelector', () => {
  it('maps empty to <none> and invalid to <error>', () => {
    expect(formatLabelSelector({ matchLabels: { app: 'web' } })).toBe('app=web');
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In' }] })).toBe('<error>');
  });
});

describe('containerCells', () => {
  it('joins names and images in order', () => {
    expect(containerCells([{ name: 'a', image: 'busybox' }, { name: 'b' }])).toEqual(['a,b', 'busybox,']);
    expect(containerCells(undefined)).toEqual(['', '']);
  });
});

describe('joinHostPort', () => {
  it('brackets IPv6 hosts only', () => {
    expect(joinHostPort('10.0.0.1', 80)).toBe('10.0.0.1:80');
    expect(joinHostPort('fd00::1', 443)).toBe('[fd00::1]:443');
  });
});

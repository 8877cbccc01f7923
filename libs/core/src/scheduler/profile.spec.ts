import { defaultProfile, InvalidProfileError, parseProfile } from './profile';

function problems(text: string): string[] {
  try {
    parseProfile(text);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidProfileError);
    return (e as InvalidProfileError).problems;
  }
  throw new Error('expected InvalidProfileError');
}

describe('defaultProfile', () => {
  it('has kube-scheduler\'s filter order and score weights', () => {
    expect(defaultProfile()).toEqual({
      filters: ['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'InterPodAffinity'],
      scores: [
        { name: 'TaintToleration', weight: 3 },
        { name: 'NodeAffinity', weight: 2 },
        { name: 'NodeResourcesFit', weight: 1 },
        { name: 'SelectorSpread', weight: 2 },
        { name: 'NodeResourcesBalancedAllocation', weight: 1 },
      ],
      percentageOfNodesToScore: 0,
      scoringStrategy: 'LeastAllocated',
    });
  });

  it('returns an independent copy each time', () => {
    const a = defaultProfile();
    a.scores[0].weight = 99;
    a.filters.pop();
    expect(defaultProfile().scores[0].weight).toBe(3);
    expect(defaultProfile().filters).toHaveLength(7);
  });
});

describe('parseProfile', () => {
  it('reads YAML, filling unspecified fields with defaults', () => {
    const p = parseProfile(`
filters: [NodeName, NodeResourcesFit]
scores:
  - name: NodeResourcesFit
    weight: 5
scoringStrategy: MostAllocated
`);
    expect(p).toEqual({
      filters: ['NodeName', 'NodeResourcesFit'],
      scores: [{ name: 'NodeResourcesFit', weight: 5 }],
      percentageOfNodesToScore: 0,
      scoringStrategy: 'MostAllocated',
    });
  });

  it('reads JSON, and scores as a name -> weight map', () => {
    const p = parseProfile('{"scores": {"TaintToleration": 1, "SelectorSpread": 4}, "percentageOfNodesToScore": 30}');
    expect(p.scores).toEqual([{ name: 'TaintToleration', weight: 1 }, { name: 'SelectorSpread', weight: 4 }]);
    expect(p.percentageOfNodesToScore).toBe(30);
    expect(p.filters).toEqual(defaultProfile().filters);
  });

  it('defaults a missing weight to 1, like kube', () => {
    expect(parseProfile('scores: [{name: NodeAffinity}, TaintToleration]').scores).toEqual([
      { name: 'NodeAffinity', weight: 1 }, { name: 'TaintToleration', weight: 1 },
    ]);
  });

  it('gives the default profile for empty or comment-only text', () => {
    expect(parseProfile('')).toEqual(defaultProfile());
    expect(parseProfile('# nothing to change\n')).toEqual(defaultProfile());
    expect(parseProfile('null')).toEqual(defaultProfile());
  });

  it('names unknown plugins and lists the known ones', () => {
    expect(problems('filters: [NodeName, VolumeBinding]')).toEqual([
      'filters[1]: unknown filter plugin "VolumeBinding" (known: NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit, InterPodAffinity)',
    ]);
    expect(problems('scores: [{name: ImageLocality, weight: 1}]')[0]).toMatch(/^scores\[0\]: unknown score plugin "ImageLocality" \(known: TaintToleration, /);
  });

  it('rejects bad weights, duplicates, bad percentages and strategies, all at once', () => {
    expect(problems(`
scores:
  - {name: NodeAffinity, weight: 0}
  - {name: TaintToleration, weight: 1.5}
  - {name: TaintToleration, weight: "3"}
percentageOfNodesToScore: 101
scoringStrategy: Balanced
`)).toEqual([
      'scores[0].weight: must be a positive integer, got 0',
      'scores[1].weight: must be a positive integer, got 1.5',
      'scores[2]: duplicate plugin "TaintToleration"',
      'scores[2].weight: must be a positive integer, got "3"',
      'percentageOfNodesToScore: 101 not in valid range [0-100]',
      'scoringStrategy: "Balanced" is not one of LeastAllocated, MostAllocated',
    ]);
  });

  it('rejects unknown fields (typos), non-mappings and malformed text', () => {
    expect(problems('filter: [NodeName]')).toEqual(['filter: unknown field (known: filters, scores, percentageOfNodesToScore, scoringStrategy)']);
    expect(problems('- a\n- b')).toEqual(['must be a mapping']);
    expect(problems('filters: NodeName')).toEqual(['filters: must be a list of plugin names']);
    expect(problems('{"filters": [')[0]).toMatch(/^not valid YAML or JSON: /);
  });

  it('puts every problem in the error message', () => {
    expect(() => parseProfile('scores: {Nope: 1}')).toThrow('invalid scheduler profile: scores.Nope: unknown score plugin "Nope"');
  });
});

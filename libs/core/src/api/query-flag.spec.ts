import { queryFlag, queryFlagValue } from './query-flag';

const q = (s: string) => new URLSearchParams(s);

describe('queryFlag (kube-apiserver query conversion)', () => {
  it('is false or undefined when absent', () => {
    expect(queryFlag(q(''), 'watch')).toBe(false);
    expect(queryFlagValue(q('other=1'), 'watch')).toBeUndefined();
  });

  it('treats only 0 and false in any case as false', () => {
    for (const v of ['0', 'false', 'False', 'FALSE', 'fAlSe']) expect([v, queryFlag(q(`force=${v}`), 'force')]).toEqual([v, false]);
  });

  it('treats every other value, ParseBool forms and the empty string included, as true', () => {
    for (const v of ['1', 't', 'T', 'true', 'True', 'TRUE', '', 'yes', 'on']) expect([v, queryFlagValue(q(`force=${v}`), 'force')]).toEqual([v, true]);
  });

  it('reads the first value only, as kube does', () => {
    expect(queryFlag(q('follow=false&follow=true'), 'follow')).toBe(false);
    expect(queryFlag(q('follow=True&follow=0'), 'follow')).toBe(true);
  });
});

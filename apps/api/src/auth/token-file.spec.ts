import { parseTokenFile } from './token-file';

describe('parseTokenFile', () => {
  it('reads token, user and uid, with no groups when the column is absent', () => {
    const tokens = parseTokenFile('s3cret,alice,1001\n');
    expect([...tokens.keys()]).toEqual(['s3cret']);
    expect(tokens.get('s3cret')).toEqual({ name: 'alice', uid: '1001', groups: [] });
  });

  it('splits a quoted group column on commas and trims each group', () => {
    const tokens = parseTokenFile('t1,bob,2,"system:masters, chronokube:edit ,dev"');
    expect(tokens.get('t1')?.groups).toEqual(['system:masters', 'chronokube:edit', 'dev']);
  });

  it('takes a single unquoted group as one group and drops empty ones', () => {
    expect(parseTokenFile('t1,bob,2,chronokube:view').get('t1')?.groups).toEqual(['chronokube:view']);
    expect(parseTokenFile('t1,bob,2,",a,,b,"').get('t1')?.groups).toEqual(['a', 'b']);
    expect(parseTokenFile('t1,bob,2,""').get('t1')?.groups).toEqual([]);
  });

  it('honours quotes in any column, with "" as an escaped quote', () => {
    const tokens = parseTokenFile('"tok,en","O""Brien","u,1","g1"');
    expect(tokens.get('tok,en')).toEqual({ name: 'O"Brien', uid: 'u,1', groups: ['g1'] });
  });

  it('trims spaces around fields', () => {
    const tokens = parseTokenFile('  abc ,  carol , 7 , "x"  ');
    expect(tokens.get('abc')).toEqual({ name: 'carol', uid: '7', groups: ['x'] });
  });

  it('skips blank lines and # comments, and accepts CRLF line ends', () => {
    const text = ['# the admin', '', 'a,admin,1,"system:masters"', '   ', '  # indented comment', 'b,viewer,2'].join('\r\n');
    const tokens = parseTokenFile(text);
    expect([...tokens.keys()]).toEqual(['a', 'b']);
    expect(tokens.get('a')?.groups).toEqual(['system:masters']);
    expect(tokens.get('b')?.name).toBe('viewer');
  });

  it('gives an empty map for an empty or comment-only file', () => {
    expect(parseTokenFile('').size).toBe(0);
    expect(parseTokenFile('# nothing here\n\n').size).toBe(0);
  });

  it('names the file and the 1-based line (blank and comment lines counted) when a field is missing', () => {
    const text = '# header\n\nok,alice,1\nbroken,bob\n';
    expect(() => parseTokenFile(text, '/etc/tokens.csv')).toThrow(
      '/etc/tokens.csv line 4: expected token,user,uid[,"groups"]',
    );
  });

  it('rejects an empty token, user or uid', () => {
    expect(() => parseTokenFile(',alice,1')).toThrow('token file line 1: expected token,user,uid[,"groups"]');
    expect(() => parseTokenFile('t,,1')).toThrow('token file line 1: expected token,user,uid[,"groups"]');
    expect(() => parseTokenFile('t,alice,')).toThrow('token file line 1: expected token,user,uid[,"groups"]');
    expect(() => parseTokenFile('justonefield')).toThrow(/line 1: expected/);
  });

  it('rejects a token that appears twice, naming the second line', () => {
    expect(() => parseTokenFile('dup,alice,1\nother,bob,2\ndup,carol,3', 'tokens')).toThrow('tokens line 3: duplicate token');
  });

  it('keeps users with the same name under different tokens', () => {
    const tokens = parseTokenFile('t1,alice,1\nt2,alice,1,"dev"');
    expect(tokens.size).toBe(2);
    expect(tokens.get('t2')?.groups).toEqual(['dev']);
  });
});

import { csvField, toCsv } from './csv';

describe('CSV export', () => {
  it('given plain values, then they are written as they are, lines ended by CRLF', () => {
    expect(toCsv([{ a: 'x', n: 3, ok: true }], [{ header: 'a', value: (r) => r.a }, { header: 'n', value: (r) => r.n }, { header: 'ok', value: (r) => r.ok }])).toBe('a,n,ok\r\nx,3,true\r\n');
  });

  it('given commas, quotes and line breaks, then the field is quoted and quotes are doubled (RFC 4180)', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
  });

  it('given absent values and lists, then empty fields and "; "-joined lists', () => {
    expect(csvField(undefined)).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(['system:masters', 'a,b'])).toBe('"system:masters; a,b"');
    expect(csvField([])).toBe('');
  });

  it('given text a spreadsheet would run as a formula, then it is neutralized with an apostrophe (numbers are not)', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@sum')).toBe("'@sum");
    expect(csvField('-x')).toBe("'-x");
    expect(csvField(-5)).toBe('-5');
  });

  it('given no rows, then the header alone', () => {
    expect(toCsv([], [{ header: 'time', value: () => '' }])).toBe('time\r\n');
  });
});

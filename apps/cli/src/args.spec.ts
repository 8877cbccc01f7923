import { parseArgs, parsePort } from './args';
import { UsageError } from './errors';

const FLAGS = {
  data: { kind: 'string' },
  port: { kind: 'string' },
  'no-batch-append': { kind: 'boolean' },
  help: { kind: 'boolean', short: 'h' },
} as const;

const parse = (...argv: string[]) => parseArgs(argv, FLAGS, 'chronokube test');

/** Runs `fn`, expecting a UsageError, and returns it for closer checks. */
function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return err as UsageError;
  }
  throw new Error('expected a UsageError');
}

describe('parseArgs', () => {
  it('gives defaults when no flags are passed', () => {
    expect(parse()).toEqual({
      flags: { data: undefined, port: undefined, 'no-batch-append': false, help: false },
      positionals: [],
    });
  });

  it('reads string flags in both --name value and --name=value form', () => {
    expect(parse('--port', '2113', '--data=/tmp/x').flags).toMatchObject({ port: '2113', data: '/tmp/x' });
  });

  it('keeps everything after the first = as the value', () => {
    expect(parse('--data=a=b').flags.data).toBe('a=b');
  });

  it('sets boolean flags and their short aliases', () => {
    expect(parse('--no-batch-append', '-h').flags).toMatchObject({ 'no-batch-append': true, help: true });
  });

  it('lets the last of a repeated flag win', () => {
    expect(parse('--port', '1', '--port', '2').flags.port).toBe('2');
  });

  it('takes a negative number as a value, so the port check can reject it', () => {
    expect(parse('--port', '-1').flags.port).toBe('-1');
  });

  it('rejects unknown long and short flags, naming them and the help to read', () => {
    const err = usageError(() => parse('--bogus=1'));
    expect(err.message).toBe("unknown flag --bogus (see 'chronokube test --help')");
    expect(err.exitCode).toBe(2);
    expect(usageError(() => parse('-x')).message).toMatch(/^unknown flag -x /);
  });

  it('does not mistake Object.prototype members for flags', () => {
    expect(usageError(() => parse('--constructor')).message).toMatch(/^unknown flag --constructor/);
  });

  it('rejects a string flag without a value: at the end, before another flag, or empty', () => {
    for (const argv of [['--port'], ['--data', '--port', '1'], ['--data='], ['--data', '']]) {
      expect(usageError(() => parse(...argv)).message).toMatch(/needs a value/);
    }
  });

  it('rejects a value given to a boolean flag', () => {
    expect(usageError(() => parse('--no-batch-append=yes')).message).toMatch(/takes no value/);
  });

  it('rejects bare arguments unless allowed', () => {
    expect(usageError(() => parse('extra')).message).toMatch(/^unexpected argument 'extra'/);
    const parsed = parseArgs(['a', '--port', '1', '--', '--data'], FLAGS, 'x', { allowPositionals: true });
    expect(parsed.positionals).toEqual(['a', '--data']);
    expect(parsed.flags.port).toBe('1');
  });
});

describe('parsePort', () => {
  it.each([
    ['0', 0],
    ['2113', 2113],
    ['65535', 65535],
    ['02113', 2113],
  ])('accepts %s', (text, port) => {
    expect(parsePort(text)).toBe(port);
  });

  it.each(['65536', '-1', '+80', '21.5', '0x10', '1e3', ' 80', 'abc', '', '999999'])('rejects %p', (text) => {
    const err = usageError(() => parsePort(text));
    expect(err.message).toBe(`invalid --port '${text}': expected an integer from 0 to 65535`);
  });

  it('names the flag it was given', () => {
    expect(usageError(() => parsePort('x', '--api-port')).message).toMatch(/^invalid --api-port 'x'/);
  });
});

/**
 * The label selector string syntax of `?labelSelector=` and `kubectl -l`:
 *   `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, `a>1`,
 *   `a<1`, terms joined by commas (AND), whitespace between tokens ignored.
 * Follows the grammar of k8s.io/apimachinery labels.Parse, including its
 * error messages, which kubectl prints verbatim.
 */
import { badRequest } from '../api/errors';
import { aggregateMessage, requirementErrors, type LabelOperator, type LabelRequirement } from './label-requirement';

type Tok = 'id' | 'in' | 'notin' | '!' | '!=' | '=' | '==' | '(' | ')' | ',' | '>' | '<' | 'eos';
interface Token { tok: Tok; lit: string }

const SPECIAL = new Set(['=', '!', '(', ')', ',', '>', '<']);
const WHITESPACE = new Set([' ', '\t', '\r', '\n']);
const KEYWORDS: Record<string, Tok> = { in: 'in', notin: 'notin' };

function lex(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (WHITESPACE.has(ch)) {
      i++;
    } else if (SPECIAL.has(ch)) {
      // Longest match: "!=" and "==" before their one-character prefixes.
      const two = text.slice(i, i + 2);
      if (two === '!=' || two === '==') {
        out.push({ tok: two, lit: two });
        i += 2;
      } else {
        out.push({ tok: ch as Tok, lit: ch });
        i++;
      }
    } else {
      let j = i;
      while (j < text.length && !SPECIAL.has(text[j]) && !WHITESPACE.has(text[j])) j++;
      const word = text.slice(i, j);
      out.push({ tok: KEYWORDS[word] ?? 'id', lit: word });
      i = j;
    }
  }
  out.push({ tok: 'eos', lit: '' });
  return out;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  /** Where a value is expected, the keywords `in`/`notin` are ordinary words. */
  private peek(asValue = true): Token {
    const t = this.tokens[this.pos];
    return asValue && (t.tok === 'in' || t.tok === 'notin') ? { tok: 'id', lit: t.lit } : t;
  }

  private next(asValue = true): Token {
    const t = this.peek(asValue);
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  parse(): LabelRequirement[] {
    const reqs: LabelRequirement[] = [];
    for (;;) {
      const t = this.peek();
      if (t.tok === 'eos') return reqs;
      if (t.tok !== 'id' && t.tok !== '!') throw new Error(`found '${t.lit}', expected: !, identifier, or 'end of string'`);
      try {
        reqs.push(this.requirement());
      } catch (e) {
        throw new Error(`unable to parse requirement: ${(e as Error).message}`);
      }
      const after = this.next();
      if (after.tok === 'eos') return reqs;
      if (after.tok !== ',') throw new Error(`found '${after.lit}', expected: ',' or 'end of string'`);
      const following = this.peek();
      if (following.tok !== 'id' && following.tok !== '!') throw new Error(`found '${following.lit}', expected: identifier after ','`);
    }
  }

  private requirement(): LabelRequirement {
    let operator: LabelOperator | undefined;
    let t = this.next();
    if (t.tok === '!') {
      operator = '!';
      t = this.next();
    }
    if (t.tok !== 'id') throw new Error(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    // kube checks the key before anything else, with no field path ("<nil>").
    const keyErrors = requirementErrors(key, 'exists', [], '<nil>').filter((e) => e.field === '<nil>');
    if (keyErrors.length) throw new Error(aggregateMessage(keyErrors));
    const ahead = this.peek().tok;
    if (operator === '!' || ahead === 'eos' || ahead === ',') return build(key, operator ?? 'exists', []);
    operator = this.operator();
    const values = operator === 'in' || operator === 'notin' ? this.setValues() : this.exactValue();
    return build(key, operator, values);
  }

  private operator(): LabelOperator {
    const t = this.next(false);
    switch (t.tok) {
      case 'in': case 'notin': case '=': case '==': case '!=':
        return t.tok;
      case '>':
        return 'gt';
      case '<':
        return 'lt';
      default:
        throw new Error(`found '${t.lit}', expected: in, notin, =, ==, !=, gt, lt`);
    }
  }

  private exactValue(): string[] {
    const ahead = this.peek();
    // `a=` (nothing before the comma or the end) means "a is the empty string".
    if (ahead.tok === 'eos' || ahead.tok === ',') return [''];
    const t = this.next();
    if (t.tok !== 'id') throw new Error(`found '${t.lit}', expected: identifier`);
    return [t.lit];
  }

  private setValues(): string[] {
    const open = this.next();
    if (open.tok !== '(') throw new Error(`found '${open.lit}' expected: '('`);
    const ahead = this.peek();
    if (ahead.tok === ')') {
      this.next();
      return ['']; // "()" is the set holding only the empty string
    }
    if (ahead.tok !== 'id' && ahead.tok !== ',') throw new Error(`found '${ahead.lit}', expected: ',', ')' or identifier`);
    const values = this.identifierList();
    const close = this.next();
    if (close.tok !== ')') throw new Error(`found '${close.lit}', expected: ')'`);
    return values;
  }

  /** Comma-separated words up to (not including) ')'; empty slots are the empty string. */
  private identifierList(): string[] {
    const values = new Set<string>();
    for (;;) {
      const t = this.next();
      if (t.tok === 'id') {
        values.add(t.lit);
        const ahead = this.peek();
        if (ahead.tok === ',') continue;
        if (ahead.tok === ')') return [...values].sort();
        throw new Error(`found '${ahead.lit}', expected: ',' or ')'`);
      }
      if (t.tok !== ',') throw new Error(`found '${t.lit}', expected: ',', or identifier`);
      if (values.size === 0) values.add(''); // "(,"
      const ahead = this.peek();
      if (ahead.tok === ')') {
        values.add(''); // ",)"
        return [...values].sort();
      }
      if (ahead.tok === ',') {
        this.next();
        values.add(''); // ",,"
      }
    }
  }
}

function build(key: string, operator: LabelOperator, values: string[]): LabelRequirement {
  const errs = requirementErrors(key, operator, values);
  if (errs.length) throw new Error(aggregateMessage(errs));
  return { key, operator, values };
}

/**
 * Parse a label selector string into its requirements, sorted by key as
 * kube sorts them. "" (or only whitespace) has none and matches everything.
 * Throws a 400 BadRequest ApiError with kube's message on bad syntax.
 */
export function parseLabelRequirements(text: string): LabelRequirement[] {
  let reqs: LabelRequirement[];
  try {
    reqs = new Parser(lex(text)).parse();
  } catch (e) {
    throw badRequest((e as Error).message);
  }
  return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

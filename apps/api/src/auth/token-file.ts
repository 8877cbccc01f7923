/**
 * The static token file, in kube-apiserver's --token-auth-file format: one
 * CSV line per token, `token,user,uid,"group1,group2"` (groups optional).
 */
import { readFileSync } from 'node:fs';

export interface UserInfo {
  name: string;
  uid: string;
  groups: string[];
}

/** Splits one CSV line, honouring double quotes (with "" as an escaped quote). */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out.map((f) => f.trim());
}

/** Parses a token file's text; throws a one-line Error naming the bad line. */
export function parseTokenFile(text: string, source = 'token file'): Map<string, UserInfo> {
  const tokens = new Map<string, UserInfo>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [token, name, uid, groups] = splitCsv(line);
    if (!token || !name || !uid) throw new Error(`${source} line ${i + 1}: expected token,user,uid[,"groups"]`);
    if (tokens.has(token)) throw new Error(`${source} line ${i + 1}: duplicate token`);
    tokens.set(token, { name, uid, groups: groups ? groups.split(',').map((g) => g.trim()).filter(Boolean) : [] });
  });
  return tokens;
}

export function loadTokenFile(path: string): Map<string, UserInfo> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read token file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseTokenFile(text, path);
}

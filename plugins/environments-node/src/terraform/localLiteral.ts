import { InputError } from '@backstage/errors';
import { trailingTag } from './imageReference';

/**
 * A span of source text: offsets (end exclusive), 1-based line and columns.
 *
 * @public
 */
export interface SourceSpan {
  /** Offset of the first character. */
  start: number;
  /** Offset after the last character. */
  end: number;
  /** 1-based line of `start`. */
  line: number;
  /** 1-based column of `start`. */
  column: number;
  /** 1-based column after the last character. */
  endColumn: number;
}

/**
 * Where a local's quoted string literal is in a Terraform file.
 *
 * @public
 */
export interface LocalLiteral {
  /** The local's name. */
  local: string;
  /** The text between the quotes, as written (escapes and `${}` included). */
  raw: string;
  /** The span of `raw`: the quotes are outside it. */
  span: SourceSpan;
  /**
   * The span of the image tag at the end of the literal (after the last
   * `:`), when it ends in a plain tag. A bump replaces exactly this.
   */
  tag?: SourceSpan;
}

/*
 * A small HCL scanner: it knows comments, quoted templates (with nested
 * `${}`/`%{}`), heredocs and brackets, which is what it takes to find the
 * attributes of top-level `locals` blocks without being fooled by look-alike
 * text elsewhere. Values come from the real parser; this only finds where
 * they are written.
 */
class Scanner {
  constructor(private readonly src: string, private readonly file: string) {}

  fail(at: number, why: string): never {
    const { line, column } = this.position(at);
    throw new InputError(`${this.file}:${line}:${column}: ${why}`);
  }

  position(at: number) {
    const before = this.src.slice(0, at);
    const line = before.split('\n').length;
    return { line, column: at - before.lastIndexOf('\n') };
  }

  span(start: number, end: number): SourceSpan {
    const { line, column } = this.position(start);
    return { start, end, line, column, endColumn: column + (end - start) };
  }

  /** Index after a comment starting at i, or i when none starts there. */
  comment(i: number): number {
    const s = this.src;
    if (s[i] === '#' || (s[i] === '/' && s[i + 1] === '/')) {
      const nl = s.indexOf('\n', i);
      return nl === -1 ? s.length : nl;
    }
    if (s[i] === '/' && s[i + 1] === '*') {
      const close = s.indexOf('*/', i + 2);
      if (close === -1) this.fail(i, 'unterminated comment');
      return close + 2;
    }
    return i;
  }

  /** Index after the quoted template opening at i. */
  string(i: number): number {
    const s = this.src;
    for (let j = i + 1; j < s.length; j++) {
      const c = s[j];
      if (c === '\\') j++;
      else if (c === '"') return j + 1;
      else if (c === '\n') break;
      else if ((c === '$' || c === '%') && s[j + 1] === c && s[j + 2] === '{') {
        j += 2; // `$${` and `%%{` are literal
      } else if ((c === '$' || c === '%') && s[j + 1] === '{') {
        j = this.expression(j + 2) - 1;
      }
    }
    return this.fail(i, 'unterminated string');
  }

  /** Index after the `}` closing a template expression whose body starts at i. */
  expression(i: number): number {
    const s = this.src;
    let depth = 1;
    for (let j = i; j < s.length; j++) {
      if (s[j] === '"') j = this.string(j) - 1;
      else if (s[j] === '{') depth++;
      else if (s[j] === '}' && --depth === 0) return j + 1;
    }
    return this.fail(i, 'unterminated template expression');
  }

  /** Index after the heredoc opening at i, or i when none opens there. */
  heredoc(i: number): number {
    const m = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)\r?\n/.exec(
      this.src.slice(i, i + 200),
    );
    if (!m) return i;
    const end = new RegExp(`^[ \\t]*${m[1]}[ \\t]*$`, 'm');
    const rest = this.src.slice(i + m[0].length);
    const found = end.exec(rest);
    if (!found) this.fail(i, `unterminated heredoc ${m[1]}`);
    return i + m[0].length + found!.index + found![0].length;
  }
}

/**
 * Finds the quoted string literal assigned to `local` in the top-level
 * `locals` blocks of a Terraform file, with its exact span, so that it can
 * be edited in place. The assignment starts its line and only a comment may
 * follow the closing quote. Throws an InputError naming the file and the
 * local when the local is missing, assigned twice, or not a plain quoted
 * string.
 *
 * @public
 */
export function findLocalLiteral(
  file: string,
  content: string,
  local: string,
): LocalLiteral {
  const scan = new Scanner(content, file);
  const found: LocalLiteral[] = [];
  const stack: string[] = []; // 'locals' or another opener
  let statementStart = true; // only whitespace since the last newline
  for (let i = 0; i < content.length; ) {
    const c = content[i];
    const afterComment = scan.comment(i);
    if (afterComment !== i) {
      i = afterComment;
      continue;
    }
    if (c === '\n') statementStart = true;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(content.slice(i, i + 256));
    if (ident && statementStart) {
      const name = ident[0];
      const after = content.slice(i + name.length);
      if (stack.length === 0 && /^[ \t]*\{/.test(after)) {
        const brace = i + name.length + after.indexOf('{');
        stack.push(name === 'locals' ? 'locals' : 'block');
        i = brace + 1;
        statementStart = false;
        continue;
      }
      const assign = /^[ \t]*=(?!=)[ \t]*/.exec(after);
      if (
        stack.length === 1 &&
        stack[0] === 'locals' &&
        assign &&
        name === local
      ) {
        const valueAt = i + name.length + assign[0].length;
        if (content[valueAt] !== '"') {
          scan.fail(valueAt, `local.${local} is not a quoted string`);
        }
        const close = scan.string(valueAt);
        const eol = content.indexOf('\n', close);
        const rest = content.slice(close, eol === -1 ? undefined : eol);
        if (!/^[ \t]*(?:(?:#|\/\/|\/\*).*)?\r?$/.test(rest)) {
          scan.fail(valueAt, `local.${local} is not a plain string literal`);
        }
        const raw = content.slice(valueAt + 1, close - 1);
        const tag = trailingTag(raw);
        found.push({
          local,
          raw,
          span: scan.span(valueAt + 1, close - 1),
          tag: tag ? scan.span(close - 1 - tag.length, close - 1) : undefined,
        });
        i = close;
        statementStart = false;
        continue;
      }
    }
    statementStart = false;
    if (c === '"') i = scan.string(i);
    else if (c === '<' && content[i + 1] === '<' && scan.heredoc(i) !== i) {
      i = scan.heredoc(i);
    } else {
      if (c === '{' || c === '[' || c === '(') stack.push(c);
      else if (c === '}' || c === ']' || c === ')') stack.pop();
      i++;
    }
  }
  if (found.length !== 1) {
    throw new InputError(
      found.length === 0
        ? `${file} has no local '${local}' in a locals block`
        : `${file} assigns local '${local}' ${found.length} times`,
    );
  }
  return found[0];
}

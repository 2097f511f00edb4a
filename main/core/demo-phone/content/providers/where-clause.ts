// The SQL expressions `content query --where` passes to a provider, as far as backup tools use
// them: comparisons (= == != <> < <= > >=), IS [NOT] NULL, LIKE, IN (...), AND, OR, NOT and
// parentheses, on column names, integers and 'quoted strings' ('' escapes a quote, as in SQLite).
import type { CellValue, Row } from './provider-table.ts';

export type Expression =
  | { kind: 'and' | 'or'; items: Expression[] }
  | { kind: 'not'; item: Expression }
  | { kind: 'compare'; op: string; left: Operand; right: Operand }
  | { kind: 'is-null'; operand: Operand; negated: boolean }
  | { kind: 'like'; operand: Operand; pattern: Operand; negated: boolean }
  | { kind: 'in'; operand: Operand; values: Operand[]; negated: boolean };

export type Operand = { column: string } | { value: string | number | null };

/** An SQLite error, printed by `content` as android.database.sqlite.SQLiteException. */
export class SqlError extends Error {
  readonly kind = 'sql';
}

const TOKEN = /\s*(?:('(?:[^']|'')*')|(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_.]*)|(==|!=|<>|<=|>=|[=<>(),])|(\S))/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const before = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) {
      if (text.slice(before).trim() === '') break;
      throw new SqlError(`near "${text.slice(before).trim()}": syntax error`);
    }
    if (match[5] !== undefined) throw new SqlError(`unrecognized token: "${match[5]}"`);
    tokens.push(match[0].trim());
  }
  return tokens;
}

export function parseWhere(text: string): Expression {
  return new WhereParser(tokenize(text)).parse();
}

/** Recursive descent over: or := and (OR and)*; and := term (AND term)*; term := NOT term | (or) | test. */
class WhereParser {
  readonly #tokens: string[];
  #at = 0;

  constructor(tokens: string[]) {
    this.#tokens = tokens;
  }

  parse(): Expression {
    const expression = this.#or();
    if (this.#at < this.#tokens.length) this.#fail();
    return expression;
  }

  #peek(): string | undefined {
    return this.#tokens[this.#at];
  }

  #upper(offset = 0): string {
    return (this.#tokens[this.#at + offset] ?? '').toUpperCase();
  }

  #fail(): never {
    const token = this.#peek();
    throw new SqlError(token === undefined ? 'incomplete input' : `near "${token}": syntax error`);
  }

  #expect(token: string): void {
    if (this.#upper() !== token) this.#fail();
    this.#at += 1;
  }

  /** Consumes `keyword` if it comes next. */
  #accept(keyword: string): boolean {
    if (this.#upper() !== keyword) return false;
    this.#at += 1;
    return true;
  }

  #or(): Expression {
    const items = [this.#and()];
    while (this.#accept('OR')) items.push(this.#and());
    return items.length === 1 ? (items[0] as Expression) : { kind: 'or', items };
  }

  #and(): Expression {
    const items = [this.#term()];
    while (this.#accept('AND')) items.push(this.#term());
    return items.length === 1 ? (items[0] as Expression) : { kind: 'and', items };
  }

  #term(): Expression {
    if (this.#accept('NOT')) return { kind: 'not', item: this.#term() };
    if (this.#accept('(')) {
      const inner = this.#or();
      this.#expect(')');
      return inner;
    }
    return this.#test(this.#operand());
  }

  #test(left: Operand): Expression {
    if (this.#accept('IS')) {
      const negated = this.#accept('NOT');
      this.#expect('NULL');
      return { kind: 'is-null', operand: left, negated };
    }
    const negated = this.#upper() === 'NOT' && ['LIKE', 'IN'].includes(this.#upper(1)) && this.#accept('NOT');
    if (this.#accept('LIKE')) return { kind: 'like', operand: left, pattern: this.#operand(), negated };
    if (this.#accept('IN')) {
      this.#expect('(');
      const values = [this.#operand()];
      while (this.#accept(',')) values.push(this.#operand());
      this.#expect(')');
      return { kind: 'in', operand: left, values, negated };
    }
    const op = this.#upper();
    if (!['=', '==', '!=', '<>', '<', '<=', '>', '>='].includes(op)) this.#fail();
    this.#at += 1;
    return { kind: 'compare', op, left, right: this.#operand() };
  }

  #operand(): Operand {
    const token = this.#peek();
    if (token === undefined || /^[=<>!(),]/.test(token)) this.#fail();
    this.#at += 1;
    if (token.startsWith("'")) return { value: token.slice(1, -1).replaceAll("''", "'") };
    if (/^\d/.test(token)) return { value: Number(token) };
    if (token.toUpperCase() === 'NULL') return { value: null };
    return { column: token };
  }
}

/** Column names an expression reads (to report "no such column" before running). */
export function columnsOf(expression: Expression): string[] {
  const operands = (e: Expression): Operand[] => {
    switch (e.kind) {
      case 'and':
      case 'or':
        return e.items.flatMap(operands);
      case 'not':
        return operands(e.item);
      case 'compare':
        return [e.left, e.right];
      case 'is-null':
        return [e.operand];
      case 'like':
        return [e.operand, e.pattern];
      case 'in':
        return [e.operand, ...e.values];
    }
  };
  return operands(expression).flatMap((o) => ('column' in o ? [o.column] : []));
}

function valueOf(operand: Operand, row: Row): string | number | null {
  if ('value' in operand) return operand.value;
  const cell: CellValue | undefined = row[operand.column];
  if (cell === undefined || cell === null) return null;
  return typeof cell === 'object' ? null : cell;
}

/** SQLite-like comparison: numbers numerically (numeric strings too), otherwise as text. */
function compare(a: string | number, b: string | number): number {
  const x = typeof a === 'number' || /^-?\d+(\.\d+)?$/.test(a) ? Number(a) : a;
  const y = typeof b === 'number' || /^-?\d+(\.\d+)?$/.test(b) ? Number(b) : b;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  const s = String(x);
  const t = String(y);
  return s < t ? -1 : s > t ? 1 : 0;
}

export function matches(expression: Expression, row: Row): boolean {
  switch (expression.kind) {
    case 'and':
      return expression.items.every((item) => matches(item, row));
    case 'or':
      return expression.items.some((item) => matches(item, row));
    case 'not':
      return !matches(expression.item, row);
    case 'is-null':
      return (valueOf(expression.operand, row) === null) !== expression.negated;
    case 'like': {
      const value = valueOf(expression.operand, row);
      const pattern = valueOf(expression.pattern, row);
      if (value === null || pattern === null) return false;
      const regexp = new RegExp(`^${String(pattern).replace(/[\\^$.*+?()[\]{}|]/g, '\\$&').replaceAll('%', '.*').replaceAll('_', '.')}$`, 'is');
      return regexp.test(String(value)) !== expression.negated;
    }
    case 'in': {
      const value = valueOf(expression.operand, row);
      if (value === null) return false;
      const found = expression.values.some((v) => {
        const other = valueOf(v, row);
        return other !== null && compare(value, other) === 0;
      });
      return found !== expression.negated;
    }
    case 'compare': {
      const left = valueOf(expression.left, row);
      const right = valueOf(expression.right, row);
      if (left === null || right === null) return false;
      const c = compare(left, right);
      const op = expression.op;
      return op === '=' || op === '==' ? c === 0 : op === '!=' || op === '<>' ? c !== 0 : op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
    }
  }
}

/** The `_id` range an expression allows (from top-level AND terms), so paging skips the rest. */
export function idBounds(expression: Expression | undefined, maxId: number): { low: number; high: number } {
  let low = 1;
  let high = maxId;
  const terms = expression === undefined ? [] : expression.kind === 'and' ? expression.items : [expression];
  for (const term of terms) {
    if (term.kind !== 'compare' || !('column' in term.left) || term.left.column !== '_id') continue;
    if (!('value' in term.right) || typeof term.right.value !== 'number') continue;
    const n = term.right.value;
    if (term.op === '>') low = Math.max(low, Math.floor(n) + 1);
    else if (term.op === '>=') low = Math.max(low, Math.ceil(n));
    else if (term.op === '<') high = Math.min(high, Math.ceil(n) - 1);
    else if (term.op === '<=') high = Math.min(high, Math.floor(n));
    else if (term.op === '=' || term.op === '==') {
      low = Math.max(low, n);
      high = Math.min(high, n);
    }
  }
  return { low, high };
}

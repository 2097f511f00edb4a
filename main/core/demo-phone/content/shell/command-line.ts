// Splits a command line the way mksh (Android's /system/bin/sh) does for the subset we simulate:
// words with '…' (literal), "…" (backslash escapes only $ ` " \ and newline) and bare \ escapes;
// the operators ; && || | & and newlines; redirections N> N>> N< N>&M; $? and # comments.

export interface Redirect {
  fd: number;
  op: '>' | '>>' | '<' | '>&';
  target: string;
}

export interface SimpleCommand {
  words: string[];
  /** Per word: true when an unquoted * or ? makes it a glob pattern. */
  globs: boolean[];
  redirects: Redirect[];
}

/** Commands joined by pipes. */
export interface Pipeline {
  commands: SimpleCommand[];
  /** How this pipeline relates to the previous one's exit status. */
  after: ';' | '&&' | '||';
}

export class CommandLineError extends Error {
  readonly kind = 'syntax';
}

/**
 * Stands for `$?` in parsed words; the runner substitutes the exit status current when the
 * command runs (`false; echo $?` prints 1). A private-use character never typed in a command.
 */
export const LAST_EXIT_MARK = '\uE000';

export function parseCommandLine(line: string): Pipeline[] {
  return new Parser(line).parse();
}

class Parser {
  readonly #line: string;
  #at = 0;
  readonly #pipelines: Pipeline[] = [];
  #pipeline: Pipeline = { commands: [], after: ';' };
  #command: SimpleCommand = { words: [], globs: [], redirects: [] };
  #word = '';
  #inWord = false;
  #quoted = false;
  #glob = false;
  #pendingRedirect: Omit<Redirect, 'target'> | undefined;

  constructor(line: string) {
    this.#line = line;
  }

  parse(): Pipeline[] {
    while (this.#at < this.#line.length) this.#step();
    this.#endWord();
    if (this.#pendingRedirect) throw new CommandLineError("syntax error: unexpected end of line after '>'");
    this.#endPipeline(';');
    return this.#pipelines.filter((p) => p.commands.length > 0);
  }

  #step(): void {
    const c = this.#line[this.#at] as string;
    const next = this.#line[this.#at + 1];
    if (c === "'") return this.#singleQuoted();
    if (c === '"') return this.#doubleQuoted();
    if (c === '\\') {
      this.#at += 2;
      // A backslash-newline is a line continuation; otherwise the next character is literal.
      if (next !== undefined && next !== '\n') this.#append(next, true);
      return;
    }
    if (c === '$' && next === '?') {
      this.#at += 2;
      return this.#append(LAST_EXIT_MARK, false);
    }
    if (c === '#' && !this.#inWord) {
      while (this.#at < this.#line.length && this.#line[this.#at] !== '\n') this.#at += 1;
      return;
    }
    if (c === ' ' || c === '\t') {
      this.#at += 1;
      return this.#endWord();
    }
    if (c === '>' || c === '<') return this.#redirect(c);
    if (c === ';' || c === '\n') return this.#operator(1, ';');
    if (c === '&' && next === '&') return this.#operator(2, '&&');
    if (c === '|' && next === '|') return this.#operator(2, '||');
    if (c === '|') {
      this.#at += 1;
      this.#endWord();
      if (this.#command.words.length === 0) throw new CommandLineError("syntax error: '|' unexpected");
      this.#endCommand();
      return;
    }
    // A lone '&' (background) runs the command in the foreground here: output is the same.
    if (c === '&') return this.#operator(1, ';');
    this.#at += 1;
    if (c === '*' || c === '?') this.#glob = true;
    this.#append(c, false);
  }

  #append(text: string, quoted: boolean): void {
    this.#word += text;
    this.#inWord = true;
    this.#quoted ||= quoted;
  }

  #singleQuoted(): void {
    const end = this.#line.indexOf("'", this.#at + 1);
    if (end < 0) throw new CommandLineError("syntax error: unterminated '");
    this.#append(this.#line.slice(this.#at + 1, end), true);
    this.#at = end + 1;
  }

  #doubleQuoted(): void {
    let text = '';
    let i = this.#at + 1;
    for (;;) {
      const c = this.#line[i];
      if (c === undefined) throw new CommandLineError('syntax error: unterminated "');
      if (c === '"') break;
      const next = this.#line[i + 1];
      if (c === '\\' && next !== undefined && '$`"\\\n'.includes(next)) {
        if (next !== '\n') text += next;
        i += 2;
      } else if (c === '$' && next === '?') {
        text += LAST_EXIT_MARK;
        i += 2;
      } else {
        text += c;
        i += 1;
      }
    }
    this.#append(text, true);
    this.#at = i + 1;
  }

  #redirect(c: '>' | '<'): void {
    let fd = c === '>' ? 1 : 0;
    if (this.#inWord && !this.#quoted && /^\d$/.test(this.#word)) {
      fd = Number(this.#word);
      this.#word = '';
      this.#inWord = false;
    } else {
      this.#endWord();
    }
    this.#at += 1;
    let op: Redirect['op'] = c;
    if (c === '>' && this.#line[this.#at] === '>') {
      op = '>>';
      this.#at += 1;
    } else if (c === '>' && this.#line[this.#at] === '&') {
      op = '>&';
      this.#at += 1;
    }
    this.#pendingRedirect = { fd, op };
  }

  #operator(length: number, op: Pipeline['after']): void {
    this.#at += length;
    this.#endWord();
    this.#endPipeline(op);
  }

  #endWord(): void {
    if (!this.#inWord) return;
    if (this.#pendingRedirect) {
      this.#command.redirects.push({ ...this.#pendingRedirect, target: this.#word });
      this.#pendingRedirect = undefined;
    } else {
      this.#command.words.push(this.#word);
      this.#command.globs.push(this.#glob);
    }
    this.#word = '';
    this.#inWord = false;
    this.#quoted = false;
    this.#glob = false;
  }

  #endCommand(): void {
    if (this.#pendingRedirect) throw new CommandLineError('syntax error: redirection without a target');
    if (this.#command.words.length === 0 && this.#command.redirects.length === 0) {
      if (this.#pipeline.commands.length > 0) throw new CommandLineError("syntax error: '|' unexpected");
      return;
    }
    this.#pipeline.commands.push(this.#command);
    this.#command = { words: [], globs: [], redirects: [] };
  }

  #endPipeline(next: Pipeline['after']): void {
    this.#endCommand();
    if (this.#pipeline.commands.length > 0) this.#pipelines.push(this.#pipeline);
    this.#pipeline = { commands: [], after: next };
  }
}

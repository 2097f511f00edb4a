// The little a terminal's line discipline does for `adb shell` on a pty: echo what is typed,
// erase with Backspace, Enter ends a line, Ctrl-C drops it, Ctrl-D on an empty line ends the
// session. Without a pty (`adb shell -T`, piped input) lines are simply split on "\n".

export interface EditorEvents {
  /** Text to show the user (echo of typing, erasures, "^C"). */
  echo: string;
  lines: string[];
  /** Ctrl-C: the current line was dropped and a fresh prompt is due. */
  interrupted: boolean;
  /** End of input: Ctrl-D on an empty line. */
  ended: boolean;
}

export class LineEditor {
  readonly #pty: boolean;
  readonly #decoder = new TextDecoder();
  #line = '';
  #inEscape = false;

  constructor(pty: boolean) {
    this.#pty = pty;
  }

  feed(bytes: Uint8Array): EditorEvents {
    const events: EditorEvents = { echo: '', lines: [], interrupted: false, ended: false };
    for (const char of this.#decoder.decode(bytes, { stream: true })) {
      if (this.#pty) this.#key(char, events);
      else if (char === '\n') this.#endLine(events);
      else if (char !== '\r') this.#line += char;
      if (events.ended) break;
    }
    return events;
  }

  /** Input closed: whatever was typed without Enter still runs, as sh does at end of file. */
  finish(): string | undefined {
    const rest = this.#line;
    this.#line = '';
    return rest.trim() === '' ? undefined : rest;
  }

  #key(char: string, events: EditorEvents): void {
    if (this.#inEscape) {
      // Arrow keys and friends (ESC [ ... final letter or ~): this editor has no history or cursor.
      if (/[A-Za-z~]/.test(char)) this.#inEscape = false;
      return;
    }
    if (char === '\x1b') this.#inEscape = true;
    else if (char === '\r' || char === '\n') {
      events.echo += '\r\n';
      this.#endLine(events);
    } else if (char === '\x7f' || char === '\b') {
      if (this.#line === '') return;
      this.#line = [...this.#line].slice(0, -1).join('');
      events.echo += '\b \b';
    } else if (char === '\x03') {
      events.echo += '^C\r\n';
      this.#line = '';
      events.interrupted = true;
    } else if (char === '\x04') {
      if (this.#line === '') events.ended = true;
    } else if (char >= ' ') {
      this.#line += char;
      events.echo += char;
    }
  }

  #endLine(events: EditorEvents): void {
    events.lines.push(this.#line);
    this.#line = '';
  }
}

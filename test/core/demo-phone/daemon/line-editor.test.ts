// The pty line discipline of the interactive shell, keystroke by keystroke.
import { describe, expect, it } from 'vitest';
import { LineEditor } from '../../../../main/core/demo-phone/daemon/services/line-editor.ts';

const keys = (text: string) => Buffer.from(text, 'utf8');

describe('interactive shell line editor', () => {
  it('echoes typing, erases with Backspace and ends a line with Enter', () => {
    const editor = new LineEditor(true);
    expect(editor.feed(keys('ls /sdcarx'))).toMatchObject({ echo: 'ls /sdcarx', lines: [] });
    expect(editor.feed(keys('\x7fd\r'))).toMatchObject({ echo: '\b \bd\r\n', lines: ['ls /sdcard'] });
  });

  it('drops the line on Ctrl-C, ends on Ctrl-D only when the line is empty, and ignores arrow keys', () => {
    const editor = new LineEditor(true);
    expect(editor.feed(keys('abc\x03'))).toMatchObject({ echo: 'abc^C\r\n', interrupted: true, lines: [] });
    expect(editor.feed(keys('x\x1b[Ay\x04'))).toMatchObject({ echo: 'xy', ended: false });
    expect(editor.feed(keys('\r\x04'))).toMatchObject({ lines: ['xy'], ended: true });
  });

  it('erases a whole multi-byte character split across reads', () => {
    const editor = new LineEditor(true);
    const bytes = keys('é');
    editor.feed(bytes.subarray(0, 1));
    expect(editor.feed(bytes.subarray(1))).toMatchObject({ echo: 'é' });
    expect(editor.feed(keys('\x7f\r')).lines).toEqual(['']);
  });

  it('splits piped input on newlines without echo, and keeps an unterminated last line', () => {
    const editor = new LineEditor(false);
    expect(editor.feed(keys('echo a\r\necho b\nech'))).toMatchObject({ echo: '', lines: ['echo a', 'echo b'] });
    expect(editor.feed(keys('o c')).lines).toEqual([]);
    expect(editor.finish()).toBe('echo c');
  });
});

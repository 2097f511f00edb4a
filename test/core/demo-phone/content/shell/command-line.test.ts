import { describe, expect, it } from 'vitest';
import { CommandLineError, LAST_EXIT_MARK, parseCommandLine } from '../../../../../main/core/demo-phone/content/shell/command-line.ts';

function words(line: string): string[][] {
  return parseCommandLine(line).flatMap((p) => p.commands.map((c) => c.words));
}

describe('command line parsing (mksh subset)', () => {
  it('splits on blanks and keeps quoted text together', () => {
    expect(words(`ls  -la   '/sdcard/My Photos'`)).toEqual([['ls', '-la', '/sdcard/My Photos']]);
    expect(words(`echo "a  b" 'c  d' e\\ f`)).toEqual([['echo', 'a  b', 'c  d', 'e f']]);
  });

  it('treats single quotes literally and double quotes with mksh escapes', () => {
    expect(words(`echo 'a\\b"c$d'`)).toEqual([['echo', 'a\\b"c$d']]);
    expect(words(`echo "a\\"b\\\\c\\d\\$e"`)).toEqual([['echo', 'a"b\\c\\d$e']]);
    expect(words(`echo it'"'s`)).toEqual([['echo', 'it"s']]);
    expect(words(`echo '' ""`)).toEqual([['echo', '', '']]);
  });

  it('passes content query arguments with quotes, spaces and SQL strings through intact', () => {
    expect(words(`content query --uri content://sms --where "_id > 5 AND body='it''s, ok'" --sort "_id ASC LIMIT 10"`)).toEqual([
      ['content', 'query', '--uri', 'content://sms', '--where', "_id > 5 AND body='it''s, ok'", '--sort', '_id ASC LIMIT 10'],
    ]);
  });

  it('splits pipelines on ; && || and newlines, and commands on |', () => {
    const pipelines = parseCommandLine('a 1; b && c || d\ne | f');
    expect(pipelines.map((p) => [p.after, p.commands.map((c) => c.words[0])])).toEqual([
      [';', ['a']],
      [';', ['b']],
      ['&&', ['c']],
      ['||', ['d']],
      [';', ['e', 'f']],
    ]);
  });

  it('reads redirections with and without a file descriptor', () => {
    const [pipeline] = parseCommandLine('ls /x 2>/dev/null >out.txt 2>&1');
    expect(pipeline?.commands[0]?.words).toEqual(['ls', '/x']);
    expect(pipeline?.commands[0]?.redirects).toEqual([
      { fd: 2, op: '>', target: '/dev/null' },
      { fd: 1, op: '>', target: 'out.txt' },
      { fd: 2, op: '>&', target: '1' },
    ]);
  });

  it('marks $? for substitution at run time, and unquoted globs', () => {
    const [pipeline] = parseCommandLine(`echo $? "$?" '$?' *.jpg '*.jpg'`);
    expect(pipeline?.commands[0]?.words).toEqual(['echo', LAST_EXIT_MARK, LAST_EXIT_MARK, '$?', '*.jpg', '*.jpg']);
    expect(pipeline?.commands[0]?.globs).toEqual([false, false, false, false, true, false]);
  });

  it('ignores comments and line continuations', () => {
    expect(words('echo a # not this')).toEqual([['echo', 'a']]);
    expect(words('echo a\\\nb')).toEqual([['echo', 'ab']]);
  });

  it('rejects unterminated quotes and dangling redirections', () => {
    expect(() => parseCommandLine(`echo 'oops`)).toThrow(CommandLineError);
    expect(() => parseCommandLine('echo "oops')).toThrow(CommandLineError);
    expect(() => parseCommandLine('echo >')).toThrow(CommandLineError);
    expect(() => parseCommandLine('| ls')).toThrow(CommandLineError);
    expect(() => parseCommandLine('ls | | wc')).toThrow(CommandLineError);
  });
});

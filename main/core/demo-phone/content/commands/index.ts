// The commands the simulated shell knows, by name (also reachable as /system/bin/NAME).
import type { Command } from '../shell/command.ts';
import { am, echo, exit, falseCommand, id, settings, sh, trueCommand, uname, whoami } from './basic.ts';
import { content } from './content.ts';
import { df } from './df.ts';
import { dumpsys } from './dumpsys.ts';
import { cat, md5sum, mkdir, rm, sha1sum, sha256sum, stat } from './files.ts';
import { getprop } from './getprop.ts';
import { ls } from './ls.ts';
import { pm } from './pm.ts';
import { find, grep, head, tail, wc } from './text-tools.ts';

export const COMMANDS: ReadonlyMap<string, Command> = new Map<string, Command>([
  ['am', am],
  ['cat', cat],
  ['content', content],
  ['df', df],
  ['dumpsys', dumpsys],
  ['echo', echo],
  ['exit', exit],
  ['false', falseCommand],
  ['find', find],
  ['getprop', getprop],
  ['grep', grep],
  ['head', head],
  ['id', id],
  ['ls', ls],
  ['md5sum', md5sum],
  ['mkdir', mkdir],
  ['pm', pm],
  ['rm', rm],
  ['settings', settings],
  ['sh', sh],
  ['sha1sum', sha1sum],
  ['sha256sum', sha256sum],
  ['stat', stat],
  ['tail', tail],
  ['true', trueCommand],
  ['uname', uname],
  ['wc', wc],
  ['whoami', whoami],
]);

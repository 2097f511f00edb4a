// Small shell built-ins and tools: echo, true, false, exit, id, whoami, sh -c, am, settings, uname.
import { hash32 } from '../seeded-random.ts';
import { stderr, stdout, type Command } from '../shell/command.ts';

export const echo: Command = async function* (args) {
  let newline = true;
  let words = args;
  if (words[0] === '-n') {
    newline = false;
    words = words.slice(1);
  }
  yield stdout(`${words.join(' ')}${newline ? '\n' : ''}`);
  return 0;
};

export const trueCommand: Command = async function* () {
  return 0;
};

export const falseCommand: Command = async function* () {
  return 1;
};

export const exit: Command = async function* (args, context) {
  context.exitRequested = true;
  return Number.parseInt(args[0] ?? '0', 10) & 0xff;
};

/** What `id` prints for adbd's shell user (AOSP system/core/libcutils/include/private/android_filesystem_config.h). */
export const SHELL_ID =
  'uid=2000(shell) gid=2000(shell) groups=2000(shell),1004(input),1007(log),1011(adb),1015(sdcard_rw),1028(sdcard_r),1078(ext_data_rw),1079(ext_obb_rw),3001(net_bt_admin),3002(net_bt),3003(inet),3006(net_bw_stats),3009(readproc),3011(uhid),3012(readtracefs) context=u:r:shell:s0';

export const id: Command = async function* () {
  yield stdout(`${SHELL_ID}\n`);
  return 0;
};

export const whoami: Command = async function* () {
  yield stdout('shell\n');
  return 0;
};

export const uname: Command = async function* (args) {
  yield stdout(args.includes('-a') ? 'Linux localhost 6.1.75-android14-11 #1 SMP PREEMPT aarch64 Toybox\n' : 'Linux\n');
  return 0;
};

export const sh: Command = async function* (args, context) {
  if (args[0] !== '-c' || args[1] === undefined) {
    yield stderr('/system/bin/sh: only `sh -c COMMAND` is available on this phone\n');
    return 2;
  }
  return yield* context.runLine(args[1]);
};

/** `am start ...`: nothing to start here, but answer like ActivityManagerShellCommand. */
export const am: Command = async function* (args) {
  if (args[0] !== 'start' && args[0] !== 'broadcast') {
    yield stderr(`Unknown command: ${args[0] ?? ''}\n`);
    return 255;
  }
  const intent = args.slice(1).filter((a) => !a.startsWith('-') || a.length > 2).join(' ');
  if (args[0] === 'broadcast') {
    yield stdout(`Broadcasting: Intent { ${intent} }\nBroadcast completed: result=0\n`);
  } else {
    yield stdout(`Starting: Intent { ${intent} }\n`);
  }
  return 0;
};

export const settings: Command = async function* (args, context) {
  const [verb, namespace, key] = args;
  if (verb !== 'get' || !['system', 'secure', 'global'].includes(namespace ?? '') || key === undefined) {
    yield stderr('Invalid command: settings get {system|secure|global} KEY\n');
    return 1;
  }
  const model = context.phone.properties.get('ro.product.model') ?? 'Phone';
  const values: Record<string, string> = {
    android_id: hash32(context.phone.options.seed, 0xa1d).toString(16).padStart(8, '0') + hash32(context.phone.options.seed, 0xa1e).toString(16).padStart(8, '0'),
    device_name: model,
    bluetooth_name: model,
    adb_enabled: '1',
    adb_wifi_enabled: '1',
    development_settings_enabled: '1',
    screen_off_timeout: '30000',
    time_12_24: '24',
    auto_time_zone: '1',
  };
  yield stdout(`${values[key] ?? 'null'}\n`);
  return 0;
};

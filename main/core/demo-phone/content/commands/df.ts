// toybox `df`: the mounts of a 128 GB phone, with /data and the sdcard's FUSE view sharing one
// file system whose use grows with the files on the simulated sdcard.
import { stdout, toyboxError, type Command } from '../shell/command.ts';
import { absolutePath } from '../phone-path.ts';

interface Mount {
  device: string;
  point: string;
  totalKb: number;
  usedKb: number;
}

const DATA_TOTAL_KB = 115_286_464;
/** Apps, app data and the system's own files on /data before any user file. */
const DATA_BASE_USED_KB = 21_474_836;

function mounts(sdcardBytes: number): Mount[] {
  const dataUsed = DATA_BASE_USED_KB + Math.ceil(sdcardBytes / 1024);
  return [
    { device: '/dev/block/dm-6', point: '/', totalKb: 1_016_912, usedKb: 1_013_136 },
    { device: 'tmpfs', point: '/dev', totalKb: 3_859_708, usedKb: 1_376 },
    { device: 'tmpfs', point: '/mnt', totalKb: 3_859_708, usedKb: 0 },
    { device: '/dev/block/dm-7', point: '/system_ext', totalKb: 220_700, usedKb: 219_992 },
    { device: '/dev/block/dm-8', point: '/product', totalKb: 2_811_164, usedKb: 2_803_136 },
    { device: '/dev/block/dm-9', point: '/vendor', totalKb: 841_064, usedKb: 838_852 },
    { device: '/dev/block/dm-52', point: '/data', totalKb: DATA_TOTAL_KB, usedKb: dataUsed },
    { device: '/dev/fuse', point: '/storage/emulated', totalKb: DATA_TOTAL_KB, usedKb: dataUsed },
  ];
}

function human(kb: number): string {
  const units = ['K', 'M', 'G', 'T'];
  let value = kb;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)}${units[unit]}`;
}

/** The mount holding the canonical path `real`. */
function mountOf(all: Mount[], real: string): Mount | undefined {
  return all
    .filter((m) => real === m.point || real.startsWith(m.point === '/' ? '/' : `${m.point}/`))
    .sort((a, b) => b.point.length - a.point.length)[0];
}

export const df: Command = async function* (args, context) {
  const humanReadable = args.some((a) => a.startsWith('-') && a.includes('h'));
  const paths = args.filter((a) => !a.startsWith('-'));
  const all = mounts(context.phone.tree.usedBytes(context.phone.tree.node('/storage/emulated/0')));
  const chosen: Mount[] = [];
  for (const shown of paths) {
    const path = absolutePath(shown, context.cwd);
    const mount = context.phone.tree.exists(path) ? mountOf(all, context.phone.tree.realPath(path)) : undefined;
    if (!mount) {
      yield toyboxError('df', `${shown}: No such file or directory`);
      return 1;
    }
    chosen.push(mount);
  }
  const rows = (chosen.length > 0 ? chosen : all).map((m) => {
    const free = m.totalKb - m.usedKb;
    const percent = `${Math.ceil((m.usedKb * 100) / m.totalKb)}%`;
    const size = (kb: number) => (humanReadable ? human(kb) : String(kb));
    return [m.device, size(m.totalKb), size(m.usedKb), size(free), percent, m.point];
  });
  const header = ['Filesystem', humanReadable ? 'Size' : '1K-blocks', 'Used', humanReadable ? 'Avail' : 'Available', 'Use%', 'Mounted on'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    `${cells.map((cell, i) => (i === 0 || i === 5 ? cell.padEnd(i === 5 ? 0 : (widths[i] as number)) : cell.padStart(widths[i] as number))).join(' ')}\n`;
  yield stdout([line(header), ...rows.map(line)].join(''));
  return 0;
};

// `getprop` (all properties as "[key]: [value]", sorted) and `getprop KEY [DEFAULT]`.
import { stdout, type Command } from '../shell/command.ts';

export const getprop: Command = async function* (args, context) {
  const properties = context.phone.properties;
  if (args[0] !== undefined) {
    yield stdout(`${properties.get(args[0]) ?? args[1] ?? ''}\n`);
    return 0;
  }
  const lines = [...properties].map(([key, value]) => `[${key}]: [${value}]\n`);
  yield stdout(lines.join(''));
  return 0;
};

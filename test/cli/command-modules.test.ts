// `vitre NAME …` loads only the module of command NAME: the table that says which module registers
// which command must match what the modules really register, or a command would go missing.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMAND_MODULES, registerCommands } from '../../main/cli/command-modules.ts';

async function registered(name?: string): Promise<string[]> {
  const program = new Command();
  await registerCommands(program, name);
  return program.commands.map((command) => command.name());
}

describe('the command table', () => {
  it('names every command the modules register, each once', async () => {
    const all = await registered();
    expect([...all].sort()).toEqual(COMMAND_MODULES.flatMap((entry) => entry.names).sort());
  });

  it('registers, for a named command, exactly the commands of its module', async () => {
    for (const entry of COMMAND_MODULES) {
      for (const name of entry.names) expect((await registered(name)).sort()).toEqual([...entry.names].sort());
    }
  });

  it('registers them all, in the order of --help, when the line names no command', async () => {
    expect(await registered('--help')).toEqual(COMMAND_MODULES.flatMap((entry) => entry.names));
    expect(await registered('backp')).toHaveLength(COMMAND_MODULES.flatMap((entry) => entry.names).length);
  });
});

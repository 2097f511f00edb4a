// The cloud half of the commands, loaded only when a command line asks for a destination: S3,
// WebDAV and encryption bring a third of the modules `vitre` has, and a local backup, verify or
// restore starts faster without them.

export async function loadCloudCommands() {
  const [cloud, command] = await Promise.all([import('./cloud.ts'), import('./cloud-command.ts')]);
  return {
    runCloudCommand: command.runCloudCommand,
    uploadToDestination: cloud.uploadToDestination,
    restoreFromDestinationCommand: cloud.restoreFromDestinationCommand,
    verifyDestinationCommand: cloud.verifyDestinationCommand,
  };
}

// The system's folder picker for the backup folder: the window's own sheet (macOS) or dialog,
// opened where the current folder is, able to create a new folder.
import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';

export function folderPicker(owner: () => BrowserWindow | undefined): (current: string) => Promise<string | undefined> {
  return async (current) => {
    const options: OpenDialogOptions = {
      title: 'Choose where Vitre keeps your backups',
      properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
      ...(current ? { defaultPath: current } : {}),
    };
    const parent = owner();
    const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    return result.canceled ? undefined : result.filePaths[0];
  };
}

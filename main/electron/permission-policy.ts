// Vitre's window needs no browser permission: no camera, microphone, location, notifications
// from the page (the main process shows them), USB/HID/serial (phones are reached by the engine,
// not the page), clipboard reads or fullscreen requests. Every request and check is denied.
export const permissionRequestHandler = (_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void =>
  callback(false);

export const permissionCheckHandler = (): boolean => false;

export const devicePermissionHandler = (): boolean => false;

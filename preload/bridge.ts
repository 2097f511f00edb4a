// The preload script of the Vitre window (sandboxed, context-isolated): exposes the typed API as
// `window.vitre` and nothing else — no ipcRenderer, no Node, no generic send.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridgeApi } from './bridge-api.ts';

const api = createBridgeApi({
  invoke: (channel, input) => ipcRenderer.invoke(channel, input),
  on: (channel, listener) => ipcRenderer.on(channel, listener),
  removeListener: (channel, listener) => ipcRenderer.removeListener(channel, listener),
});

// Functions only: contextBridge copies them into the page's world, so the page can call them
// but never reach ipcRenderer through them.
contextBridge.exposeInMainWorld('vitre', { invoke: api.invoke, on: api.on });

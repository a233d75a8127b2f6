import { contextBridge } from 'electron';

// The narrow bridge for console and projector windows. Today the pages reach the host over the
// loopback control API; the typed IPC bridge (checked with `satisfies ControlApi`) comes with the
// Electron app issue.
contextBridge.exposeInMainWorld('openFloorShell', { kind: 'electron' as const });

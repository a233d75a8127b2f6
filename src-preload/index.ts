import { contextBridge, ipcRenderer } from 'electron';
import type { ControlCommand, ControlInput, ControlResult } from '../src-shared/control';
import {
  IPC_CHANNELS,
  SHELL_BRIDGE_KEY,
  SHELL_COMMANDS,
  type InvokeChannel,
  type IpcContract,
  type ShellApi,
  type ShellCommand,
} from '../src-shared/shell-api';

/**
 * The console window's bridge: one object, `window.openFloor`, whose type is the shared contract
 * (`ShellApi` = the control contract + shell extras). Each member calls one fixed channel; the page never
 * sees `ipcRenderer`, and main checks every message (src-main/ipc.ts). Bundled as CommonJS with nothing
 * but `electron` required, as a sandboxed preload must be.
 */
const invoke = <C extends InvokeChannel>(channel: C, ...args: IpcContract['invoke'][C]['args']) =>
  ipcRenderer.invoke(IPC_CHANNELS[channel], ...args) as Promise<IpcContract['invoke'][C]['result']>;

/** A command over IPC; a refusal or a dead host comes back as `{ ok: false }`, like the HTTP client. */
const control = <K extends ControlCommand>(command: K) =>
  (input: ControlInput<K>): Promise<ControlResult<K>> =>
    invoke('control', command, input).then(
      (result) => result as ControlResult<K>,
      () => ({ ok: false, error: 'Could not reach the host. Is Open Floor still running?' }),
    );

const isShellCommand = (value: unknown): value is ShellCommand => SHELL_COMMANDS.some((c) => c === value);

const api = {
  kind: 'electron',
  createSession: control('createSession'),
  openSession: control('openSession'),
  closeSession: control('closeSession'),
  setPremoderation: control('setPremoderation'),
  setJoinAddress: control('setJoinAddress'),
  venueStatus: control('venueStatus'),
  approve: control('approve'),
  hide: control('hide'),
  setFloor: control('setFloor'),
  markAnswered: control('markAnswered'),
  editQuestion: control('editQuestion'),
  mergeQuestion: control('mergeQuestion'),
  unmergeQuestion: control('unmergeQuestion'),
  muteAsker: control('muteAsker'),
  unmuteAsker: control('unmuteAsker'),
  setProfanityFilter: control('setProfanityFilter'),
  setCustomWords: control('setCustomWords'),
  setDisplay: control('setDisplay'),
  createPoll: control('createPoll'),
  editPoll: control('editPoll'),
  openPoll: control('openPoll'),
  closePoll: control('closePoll'),
  duplicatePoll: control('duplicatePoll'),
  setPollVisibility: control('setPollVisibility'),
  showPoll: control('showPoll'),
  addItem: control('addItem'),
  editItem: control('editItem'),
  moveItem: control('moveItem'),
  removeItem: control('removeItem'),
  setCurrentItem: control('setCurrentItem'),
  moveQuestion: control('moveQuestion'),
  addSpeaker: control('addSpeaker'),
  moveSpeaker: control('moveSpeaker'),
  callSpeaker: control('callSpeaker'),
  endSpeaker: control('endSpeaker'),
  setSignup: control('setSignup'),
  timer: control('timer'),
  phonesPerAddress: control('phonesPerAddress'),
  requirePaperCodes: control('requirePaperCodes'),
  issuePaperCodes: control('issuePaperCodes'),
  followUpView: control('followUpView'),
  writeFollowUp: control('writeFollowUp'),
  setPublication: control('setPublication'),
  dialogueMeasures: control('dialogueMeasures'),
  setRemoteAttendees: control('setRemoteAttendees'),
  showProjector: () => invoke('showProjector'),
  onCommand: (listener: (command: ShellCommand) => void) => {
    const handler = (_event: unknown, command: unknown) => {
      if (isShellCommand(command)) listener(command);
    };
    ipcRenderer.on(IPC_CHANNELS.shellCommand, handler);
    return () => void ipcRenderer.removeListener(IPC_CHANNELS.shellCommand, handler);
  },
} as const satisfies ShellApi;

contextBridge.exposeInMainWorld(SHELL_BRIDGE_KEY, api);

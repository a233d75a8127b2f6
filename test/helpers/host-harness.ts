import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CONTROL_TOKEN_HEADER, type ControlCommand, type ControlInput, type ControlResult } from '../../src-shared/control.js';
import { readBoard } from '../../src-shared/docs/board-doc.js';
import { readDesk, type DeskView } from '../../src-shared/docs/desk-doc.js';
import { appendRequest, DESK_DOC_NAME, roomParts } from '../../src-shared/docs/room-doc.js';
import type { JoinResponse } from '../../src-shared/endpoints.js';
import type { PhoneRequestDraft } from '../../src-shared/requests.js';
import { startHost, type Host, type HostOptions } from '../../src-main/host/host.js';

/** The value of a control answer, or the test fails with the host's words. */
export async function must<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: string }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/**
 * A real host on port 0 with its own temp data dir (no gateway unless `extra` asks for one: most tests use
 * the WebSocket path).
 */
export async function startTestHost(
  dataDir = mkdtempSync(join(tmpdir(), 'open-floor-test-')),
  extra: Partial<HostOptions> = {},
): Promise<TestHost> {
  const host = await startHost({
    dataDir,
    lanPort: 0,
    joinAddress: '127.0.0.1',
    buildDir: join(__dirname, '..', '..', 'out'),
    gateway: 'none',
    ...extra,
  });
  const port = Number(new URL(host.lanOrigin).port);
  return new TestHost(host, dataDir, `http://127.0.0.1:${port}`);
}

export class TestHost {
  private readonly phones: TestPhone[] = [];
  constructor(
    readonly host: Host,
    readonly dataDir: string,
    readonly lanOrigin: string,
  ) {}

  async control<K extends ControlCommand>(command: K, input: ControlInput<K>, token = this.host.token): Promise<ControlResult<K>> {
    const res = await fetch(`${this.host.loopbackOrigin}/api/${command}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CONTROL_TOKEN_HEADER]: token },
      body: JSON.stringify(input),
    });
    return (await res.json()) as ControlResult<K>;
  }

  async mustControl<K extends ControlCommand>(command: K, input: ControlInput<K>): Promise<void> {
    const r = await this.control(command, input);
    if (!r.ok) throw new Error(`${command}: ${r.error}`);
  }

  async openSession(title = 'Test session', premoderation = true): Promise<string> {
    await this.mustControl('createSession', { title });
    await this.mustControl('setPremoderation', { on: premoderation });
    await this.mustControl('openSession', {});
    return this.host.currentSession()!.joinCode;
  }

  async join(code: string): Promise<JoinResponse> {
    const res = await fetch(`${this.lanOrigin}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    return (await res.json()) as JoinResponse;
  }

  async phone(code: string): Promise<TestPhone> {
    const joined = await this.join(code);
    if (!joined.ok) throw new Error(joined.error);
    const phone = new TestPhone(this.lanOrigin, joined.roomId);
    this.phones.push(phone);
    await phone.synced();
    return phone;
  }

  /** The console's replica of the desk doc, over the loopback listener with the token (read-only). */
  async desk(): Promise<{ doc: Y.Doc; view: () => DeskView; until<T>(check: () => T | undefined | null | false, timeoutMs?: number): Promise<T> }> {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${this.host.loopbackOrigin.replace('http', 'ws')}/sync`, DESK_DOC_NAME, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: { t: this.host.token },
    });
    this.replicas.push(provider);
    await new Promise<void>((resolve) => (provider.synced ? resolve() : provider.once('sync', () => resolve())));
    return { doc, view: () => readDesk(doc), until: (check, timeoutMs) => waitFor(doc, check, timeoutMs) };
  }

  private readonly replicas: WebsocketProvider[] = [];

  async stop(removeData = true): Promise<void> {
    for (const p of this.phones) p.destroy();
    for (const r of this.replicas) r.destroy();
    await this.host.close();
    if (removeData) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

let requestCounter = 0;

/** A request as a test writes it: any kind, id optional (Omit distributed over the union). */
type RequestInput = PhoneRequestDraft extends infer R ? (R extends unknown ? Omit<R, 'id'> & { id?: string } : never) : never;

/** A phone as the host sees it: a Y.Doc synced over the y-websocket protocol (stock client). */
export class TestPhone {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;

  constructor(lanOrigin: string, readonly roomId: string) {
    this.provider = new WebsocketProvider(`${lanOrigin.replace('http', 'ws')}/sync`, `room-${roomId}`, this.doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
  }

  synced(): Promise<void> {
    return new Promise((resolve) => {
      if (this.provider.synced) resolve();
      else this.provider.once('sync', () => resolve());
    });
  }

  send(request: RequestInput): string {
    const id = request.id ?? `req-${Date.now().toString(36)}-${++requestCounter}`;
    appendRequest(this.doc, { ...request, id } as PhoneRequestDraft);
    return id;
  }

  board() {
    return readBoard(this.doc);
  }

  receipt(id: string) {
    return roomParts(this.doc).receipts.get(id);
  }

  /** Resolves when `check` holds on this phone's document. */
  until<T>(check: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> {
    return waitFor(this.doc, check, timeoutMs);
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}

export function waitFor<T>(doc: Y.Doc, check: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const first = check();
    if (first) return resolve(first);
    const timer = setTimeout(() => {
      doc.off('update', onUpdate);
      reject(new Error('timed out waiting for the document'));
    }, timeoutMs);
    const onUpdate = () => {
      const v = check();
      if (v) {
        clearTimeout(timer);
        doc.off('update', onUpdate);
        resolve(v);
      }
    };
    doc.on('update', onUpdate);
  });
}

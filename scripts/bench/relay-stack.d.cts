// Types of relay-stack.cjs for the TypeScript tests (test/helpers/relay-harness.ts).
import type { ChildProcess } from 'node:child_process';

export declare const ROOT: string;
export declare function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void>;
export declare function freePort(): Promise<number>;
export declare function portOpen(port: number): Promise<boolean>;
export declare function stopProcess(proc: ChildProcess, signal?: NodeJS.Signals, graceMs?: number): Promise<void>;

export interface RedisProcess {
  url: string;
  port: number;
  pid: number;
  stop(signal?: NodeJS.Signals): Promise<void>;
}
export declare function startRedis(port?: number): Promise<RedisProcess>;

export interface RelayProcess {
  port: number;
  pid: number;
  /** ws://127.0.0.1:PORT */
  url: string;
  proc: ChildProcess;
  /** What the relay wrote to stderr (its refusals). */
  stderr(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}
export declare function startRelay(options: { redisUrl: string; secret: string; port?: number; args?: string[]; nodeArgs?: string[]; keepStderr?: number }): Promise<RelayProcess>;

export interface TcpProxy {
  port: number;
  /** Connections open through it. */
  open(): number;
  /** The upstream ports its open connections go to. */
  upstreams(): Set<number>;
  /** The link goes: open connections are cut and new ones refused. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}
export declare function startTcpProxy(targets: () => number[]): Promise<TcpProxy>;
/** A TCP proxy (round robin over `ports`) in a child process of its own: its descriptors do not count against the bench's. */
export declare function startTcpProxyProcess(ports: number[]): Promise<{ port: number; pid: number; close(): Promise<void> }>;

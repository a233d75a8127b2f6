/**
 * Node glue for the gateway (headless host): `ws` as the WebSocket, @roamhq/wrtc as WebRTC.
 *
 * - y-webrtc's signaling client (lib0/websocket) uses the global `WebSocket`; Node 20 has none, so it is
 *   set from `ws` when absent.
 * - The WebSocket class used here behaves like a browser's for `on*` handlers: an exception thrown by a
 *   handler is reported, not thrown into ws's socket reader (where it would be an uncaught exception and
 *   take the whole host down). y-webrtc's signaling handler does throw on some messages a peer can send
 *   (an answer from a peer it has no connection for, a 'signal' without `signal`).
 * - Remote ICE candidates over TCP are dropped (in addIceCandidate and in remote SDP): with them wrtc opens
 *   thousands of sockets and dies with EMFILE at about 50 peers.
 * - wrtc gathers and accepts loopback host candidates (127.0.0.1, ::1) by default (measured), so a phone on
 *   the same machine connects; Chromium needs --allow-loopback-in-peer-connection and
 *   --disable-features=WebRtcHideLocalIpsWithMdns for that.
 */
import * as wrtcModule from '@roamhq/wrtc';
import { createGateway, type Gateway } from '../../../src-gateway/gateway.js';
import type { FdGuard } from './fd-guard.js';
import { installNodeWebSocket, NodeWebSocket } from './node-websocket.js';

export interface NodeGatewayOptions {
  hostSyncUrl: string;
  token: string;
  signalingUrl: string;
  onPeers?(roomName: string, connectedPeers: number): void;
  recycleAfterMs?: number;
  /** How long a room keeps its host link after its last WebRTC peer went away (see createGateway). */
  hostGraceMs?: number;
  /** Refuses new peers near the file-descriptor limit (see fd-guard.ts). */
  fdGuard?: FdGuard;
  log?(line: string): void;
}

/** The part of wrtc's RTCPeerConnection we wrap (wrtc's own typings re-export DOM types). */
interface PeerConnectionLike {
  addIceCandidate(candidate?: unknown): Promise<void>;
  setRemoteDescription(description: unknown): Promise<void>;
}
type PeerConnectionClass = new (config?: unknown) => PeerConnectionLike;
interface WrtcLike {
  RTCPeerConnection: PeerConnectionClass;
  RTCSessionDescription: unknown;
  RTCIceCandidate: unknown;
  [key: string]: unknown;
}

const TCP_CANDIDATE_REGEX = /\stcp\s/i;

/** True for an ICE candidate (string, RTCIceCandidate or init dict) that is a TCP candidate. */
export function isTcpCandidate(candidate: unknown): boolean {
  const text =
    typeof candidate === 'string'
      ? candidate
      : typeof candidate === 'object' && candidate !== null && typeof (candidate as { candidate?: unknown }).candidate === 'string'
        ? (candidate as { candidate: string }).candidate
        : '';
  return TCP_CANDIDATE_REGEX.test(text);
}

/** Removes TCP candidate lines (a=candidate:... tcp ...) from an SDP. */
export function stripTcpCandidates(sdp: string): string {
  return sdp
    .split(/\r\n/)
    .filter((line) => !(line.startsWith('a=candidate:') && TCP_CANDIDATE_REGEX.test(line)))
    .join('\r\n');
}

let filtered: WrtcLike | null = null;

/** @roamhq/wrtc with an RTCPeerConnection that ignores remote TCP candidates. */
export function nodeWrtc(): WrtcLike {
  if (filtered) return filtered;
  const ns = wrtcModule as unknown as WrtcLike & { default?: WrtcLike };
  const base = ns.default && typeof ns.default.RTCPeerConnection === 'function' ? ns.default : ns;
  const Base = base.RTCPeerConnection;
  class UdpOnlyPeerConnection extends Base {
    override addIceCandidate(candidate?: unknown): Promise<void> {
      if (isTcpCandidate(candidate)) return Promise.resolve();
      return super.addIceCandidate(candidate);
    }
    override setRemoteDescription(description: unknown): Promise<void> {
      const sdp = (description as { sdp?: unknown } | null)?.sdp;
      if (typeof sdp === 'string' && TCP_CANDIDATE_REGEX.test(sdp)) {
        const d = description as { type: string; sdp: string };
        return super.setRemoteDescription({ type: d.type, sdp: stripTcpCandidates(sdp) });
      }
      return super.setRemoteDescription(description);
    }
  }
  filtered = { ...base, RTCPeerConnection: UdpOnlyPeerConnection };
  return filtered;
}

/** simple-peer options for a Node peer: filtered wrtc, no internet STUN servers. */
export function nodePeerOpts(): Record<string, unknown> {
  return { wrtc: nodeWrtc(), config: { iceServers: [] } };
}

export function startNodeGateway(opts: NodeGatewayOptions): Gateway {
  installNodeWebSocket();
  return createGateway({
    hostSyncUrl: opts.hostSyncUrl,
    token: opts.token,
    signalingUrl: opts.signalingUrl,
    WebSocketImpl: NodeWebSocket as unknown as typeof WebSocket,
    peerOpts: nodePeerOpts(),
    onPeers: opts.onPeers,
    recycleAfterMs: opts.recycleAfterMs,
    hostGraceMs: opts.hostGraceMs,
    refusePeer: opts.fdGuard ? () => opts.fdGuard!.refusal() : undefined,
    log: opts.log,
  });
}

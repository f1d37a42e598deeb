import { connect } from 'node:net';
import type { ProbeTarget } from './probe-targets.ts';

/**
 * Whether a TCP handshake with the target completes within `timeoutMs`. A handshake proves the
 * route works without sending a byte, and the socket is destroyed at once so probes leak nothing.
 * Never rejects: refused, unreachable and timed out are all simply `false`.
 */
export function tcpConnectProbe(target: ProbeTarget, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: target.host, port: target.port });
    const finish = (reached: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(reached);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.once('connect', () => finish(true));
    socket.on('error', () => finish(false));
  });
}

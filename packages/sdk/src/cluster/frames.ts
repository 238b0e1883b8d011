import type { Socket } from 'node:net';
import { envelope, openEnvelope, type ClusterMessage } from './protocol.js';

/** A collection of a process with hundreds of thousands of series stays well below this. */
const MAX_FRAME_CHARS = 256 * 1024 * 1024;

/**
 * Our messages over a socket, one JSON document per line (as Node's own IPC channel writes them).
 * `onMessage` gets ours only; a frame that is not one, or is too long, closes the connection.
 */
export function readFrames(socket: Socket, onMessage: (message: ClusterMessage) => void): void {
  let pending = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    let start = 0;
    let end = chunk.indexOf('\n');
    while (end >= 0) {
      const line = pending + chunk.slice(start, end);
      pending = '';
      start = end + 1;
      end = chunk.indexOf('\n', start);
      let message: ClusterMessage | undefined;
      try {
        message = openEnvelope(JSON.parse(line));
      } catch {
        message = undefined;
      }
      if (message === undefined) {
        socket.destroy();
        return;
      }
      onMessage(message);
    }
    pending += chunk.slice(start);
    if (pending.length > MAX_FRAME_CHARS) socket.destroy();
  });
}

/** Writes one message; resolves true once written, false when the socket is closed. Never rejects. */
export function writeFrame(socket: Socket, message: ClusterMessage): Promise<boolean> {
  if (socket.destroyed || !socket.writable) return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      socket.write(`${JSON.stringify(envelope(message))}\n`, (error) => resolve(error == null));
    } catch {
      resolve(false);
    }
  });
}

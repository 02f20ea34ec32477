// A slow client: a request line, then one header line every second, never the blank line that ends the headers.
import { connect } from 'node:net';

/** Opens one slow client to 127.0.0.1:port (from localAddress if given): { socket, openedAt, closedAt, timer }. */
export async function openSlowClient(port, localAddress) {
  const s = connect({ host: '127.0.0.1', port, ...(localAddress ? { localAddress } : {}) });
  const cl = { socket: s, openedAt: Date.now(), closedAt: null };
  s.on('error', () => {});
  s.on('close', () => (cl.closedAt = Date.now()));
  await new Promise((r) => s.on('connect', r));
  s.write('GET /api/v1/notes HTTP/1.1\r\nHost: 127.0.0.1\r\n');
  cl.timer = setInterval(() => s.writable && s.write(`X-Slow-${Date.now() % 1000}: 1\r\n`), 1000);
  return cl;
}

/** { clients, close() }: close() stops and destroys every client. */
export function slowClientSet(clients) {
  return {
    clients,
    close() {
      for (const cl of clients) {
        clearInterval(cl.timer);
        cl.socket.destroy();
      }
    },
  };
}

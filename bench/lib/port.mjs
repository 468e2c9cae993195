// Free TCP port finder (loopback only).
import net from 'node:net';

/**
 * Ask the kernel for a free ephemeral port on `host` (default 127.0.0.1) by binding port 0 and
 * closing the socket again. There is a small race (another process may take the port before the
 * server binds it), so callers that start a server should retry on "Address already in use".
 * @param {string} [host]
 * @returns {Promise<number>}
 */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen({ port: 0, host, exclusive: true }, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

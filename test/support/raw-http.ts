import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RawExchange {
  /** Write more of the body; resolves once written, or at once if the server has closed. */
  write: (bytes: string | Buffer) => Promise<void>;
  /** The server's answer, as soon as it has all arrived (before the body is sent, if so). */
  answer: Promise<RawAnswer>;
  /** Resolves when the server has closed the connection. */
  closed: Promise<void>;
  end: () => void;
}

/**
 * An HTTP/1.1 request written byte for byte, as a misbehaving client would: headers that declare
 * a body which then comes late, slowly or never. HTTP clients cannot be made to do that.
 */
export function rawExchange(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string | number>,
): RawExchange {
  const socket: Socket = connect(port, '127.0.0.1');
  // A server that closes while we are still writing makes writes fail: that is expected here.
  socket.on('error', () => undefined);
  const head = [
    `${method} ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    '',
    '',
  ].join('\r\n');
  socket.write(head);

  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const answer = new Promise<RawAnswer>((resolve, reject) => {
    let received = Buffer.alloc(0);
    const tryParse = () => {
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [statusLine = '', ...lines] = received
        .subarray(0, end)
        .toString('latin1')
        .split('\r\n');
      const parsedHeaders = Object.fromEntries(
        lines.map((line) => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
        }),
      );
      const length = Number(parsedHeaders['content-length'] ?? 0);
      const body = received.subarray(end + 4);
      if (body.length < length) return;
      resolve({
        status: Number(statusLine.split(' ')[1]),
        headers: parsedHeaders,
        body: body.subarray(0, length).toString('utf8'),
      });
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      tryParse();
    });
    socket.once('close', () => reject(new Error('closed without a whole answer')));
  });
  // Whoever waits only for `closed` must not see an unhandled rejection.
  answer.catch(() => undefined);

  return {
    write: (bytes) =>
      new Promise((resolve) => {
        if (socket.destroyed || !socket.writable) return resolve();
        socket.write(bytes, () => resolve());
      }),
    answer,
    closed,
    end: () => socket.destroy(),
  };
}

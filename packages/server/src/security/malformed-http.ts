import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { framePolicy } from './security-headers.ts';

/** Node's HTTP parser errors a client caused, and what each is in HTTP's terms (as Node answers them). */
const statusOfParserError: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    'The request line and headers are too large: keep the URL and headers under 16 KB.',
  ],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [
    413,
    'Payload Too Large',
    'The request body’s chunk extensions are too large.',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'The request took too long to arrive.'],
};

/**
 * Requests Node's HTTP parser refuses (a URL past 16 KB, broken framing in the headers or the body)
 * get an OpenAI-shaped error like every other refusal, with the same security headers, instead of
 * Node's bare status line with no body. As Node does, the connection is then closed.
 */
export function answerMalformedHttp(server: Server) {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // Once a response has begun on this connection, another status line would corrupt it.
    const response = (socket as { _httpMessage?: { _headerSent?: boolean } })._httpMessage;
    if (socket.writable && !response?._headerSent && error.code !== 'ECONNRESET') {
      const [status, reason, message] = statusOfParserError[error.code ?? ''] ?? [
        400,
        'Bad Request',
        'The request is not well-formed HTTP.',
      ];
      const body = JSON.stringify({
        error: { message, type: 'invalid_request_error', param: null, code: null },
      });
      socket.write(
        `HTTP/1.1 ${status} ${reason}\r\n` +
          'Content-Type: application/json\r\n' +
          `Content-Length: ${Buffer.byteLength(body)}\r\n` +
          'X-Content-Type-Options: nosniff\r\n' +
          `X-Frame-Options: ${framePolicy.frameOptions}\r\n` +
          `Content-Security-Policy: frame-ancestors ${framePolicy.frameAncestors}\r\n` +
          `Referrer-Policy: ${framePolicy.referrerPolicy}\r\n` +
          'Cache-Control: no-store\r\n' +
          'Connection: close\r\n\r\n' +
          body,
      );
    }
    socket.destroy();
  });
}

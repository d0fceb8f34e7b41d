import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** Node's HTTP parser errors a client caused, and what each is in HTTP's terms. */
const statusOfParserError: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    'The request line and headers are too large: keep the URL and headers under 16 KB.',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'The request took too long to arrive.'],
};

/**
 * Requests Node's HTTP parser refuses before the app sees them (a URL past 16 KB, broken framing) get
 * an OpenAI-shaped error like every other refusal, instead of Node's bare status line with no body.
 */
export function answerMalformedHttp(server: Server) {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A client that hung up, or a response already under way, has nobody to answer.
    if (
      error.code === 'ECONNRESET' ||
      !socket.writable ||
      (socket as { _httpMessage?: unknown })._httpMessage
    ) {
      socket.destroy();
      return;
    }
    const [status, reason, message] = statusOfParserError[error.code ?? ''] ?? [
      400,
      'Bad Request',
      'The request is not well-formed HTTP.',
    ];
    const body = JSON.stringify({
      error: { message, type: 'invalid_request_error', param: null, code: null },
    });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\n` +
        'Content-Type: application/json\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'X-Content-Type-Options: nosniff\r\n' +
        'Cache-Control: no-store\r\n' +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}

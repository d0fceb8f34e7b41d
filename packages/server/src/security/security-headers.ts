import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';

/** Never framed, no referrer: also written by hand where Node answers without the app (malformed-http.ts). */
export const framePolicy = {
  frameOptions: 'DENY',
  referrerPolicy: 'no-referrer',
  frameAncestors: "'none'",
} as const;

/**
 * Headers on every response: no content sniffing, never framed, no referrer. Cross-origin reads are
 * left to CORS (the app's dev server and listed origins call the API from another origin).
 */
export const securityHeaders = () =>
  secureHeaders({
    xFrameOptions: framePolicy.frameOptions,
    referrerPolicy: framePolicy.referrerPolicy,
    crossOriginResourcePolicy: false,
    crossOriginEmbedderPolicy: false,
    // Over plain HTTP browsers ignore it; behind TLS the reverse proxy decides.
    strictTransportSecurity: false,
    contentSecurityPolicy: { frameAncestors: [framePolicy.frameAncestors] },
    // The app's pages set their own, fuller policy first.
    overwrite: false,
  });

/** The app's pages: its own scripts only; it may call any gateway, as its server URL is a setting. */
export const webAppContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  // React Native Web writes its styles at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' http: https:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The API reference: a page of text and one inline style sheet, so nothing else may load or run. */
export const referencePageContentSecurityPolicy =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Responses that carry tokens or a person's data are never kept by a browser or proxy cache. */
export const noStore = createMiddleware(async (c, next) => {
  await next();
  c.res.headers.set('cache-control', 'no-store');
});

import { createHash } from 'node:crypto';
import type { Response } from 'express';
import type { IncomingMessage } from 'node:http';

/** Strips the weak marker: `If-None-Match` compares weakly (RFC 9110 13.1.2). */
const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** Whether an `If-None-Match` header names `etag` (or is `*`). */
export function matchesIfNoneMatch(
  header: string | undefined,
  etag: string,
): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const wanted = opaque(etag);
  return header.split(',').some(tag => opaque(tag) === wanted);
}

/**
 * Answers a read with its JSON body, a strong `ETag` over that body and
 * `Cache-Control: private, no-cache`: the browser keeps the answer but asks
 * again every time, sending the `ETag` back, and an unchanged answer is a
 * bodiless `304` (nothing to serialize onto the wire, compress or parse).
 * The body is still computed, after every check, on each request.
 */
export function sendRevalidatable(
  req: Pick<IncomingMessage, 'headers'>,
  res: Response,
  body: unknown,
) {
  const json = JSON.stringify(body);
  const etag = `"${createHash('sha1').update(json).digest('base64url')}"`;
  res.setHeader('Cache-Control', 'private, no-cache');
  res.setHeader('ETag', etag);
  if (matchesIfNoneMatch(req.headers['if-none-match'], etag)) {
    res.status(304).end();
    return;
  }
  res.type('application/json').send(json);
}

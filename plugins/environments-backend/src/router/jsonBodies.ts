import express, { NextFunction, Request, Response } from 'express';

/** Whether a request carries a body (a length, or a chunked one). */
function hasBody(req: Request) {
  const length = req.header('content-length');
  return (
    (length !== undefined && length !== '0') ||
    req.header('transfer-encoding') !== undefined
  );
}

/** Answers 415 to a POST whose body is not `application/json`. */
function strictJsonBodies(req: Request, res: Response, next: NextFunction) {
  if (req.method !== 'POST') {
    next();
    return;
  }
  const type = req.header('content-type');
  if (!hasBody(req) && type === undefined) {
    next();
    return;
  }
  const mediaType = type?.split(';')[0].trim().toLocaleLowerCase('en-US');
  if (mediaType === 'application/json') {
    next();
    return;
  }
  res.status(415).json({
    error: {
      name: 'UnsupportedMediaTypeError',
      message: `Unsupported Content-Type ${JSON.stringify(
        type ?? '(none)',
      )}: send the body as application/json, or no body at all`,
    },
    request: { method: req.method, url: req.originalUrl },
    response: { statusCode: 415 },
  });
}

/**
 * The body parsing in front of the validated router. A mutation's body is
 * JSON or nothing: `express.json()` skips any other type, and the missing
 * body would read as `{}`, so a form-encoded `{"dryRun":true}` would act for
 * real; it is refused (415) before any work. Small bodies only: an
 * oversized one is refused (413) before any work.
 *
 * In front of, not inside: the validated router turns every error of its
 * own middleware into a 400 `InputError`, which would hide the 413.
 */
export function jsonBodies(): express.RequestHandler[] {
  return [
    strictJsonBodies,
    express.json({ limit: '16kb', type: 'application/json' }),
  ];
}

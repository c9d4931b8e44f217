import express from 'express';
import request from 'supertest';
import { matchesIfNoneMatch, sendRevalidatable } from './sendRevalidatable';

describe('sendRevalidatable', () => {
  let body: unknown = { state: 'active' };
  const app = express().get('/', (req, res) =>
    sendRevalidatable(req, res, body),
  );

  it('answers with an ETag that revalidates to a bodiless 304 until the body changes', async () => {
    const first = await request(app).get('/');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ state: 'active' });
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);

    const again = await request(app).get('/').set('If-None-Match', etag);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.etag).toBe(etag);

    body = { state: 'parked' };
    const changed = await request(app).get('/').set('If-None-Match', etag);
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ state: 'parked' });
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('compares weakly, in lists and with *', () => {
    expect(matchesIfNoneMatch('W/"a"', '"a"')).toBe(true);
    expect(matchesIfNoneMatch('"b", "a"', '"a"')).toBe(true);
    expect(matchesIfNoneMatch('*', '"a"')).toBe(true);
    expect(matchesIfNoneMatch('"b"', '"a"')).toBe(false);
    expect(matchesIfNoneMatch(undefined, '"a"')).toBe(false);
  });
});

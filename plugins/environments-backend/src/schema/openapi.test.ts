import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { responseProblems } from '../__testUtils__/openApi';
import { spec } from './openapi.generated';

describe('openapi document', () => {
  it('is generated from openapi.yaml (run `yarn schema:generate` after editing it)', () => {
    const yaml = parse(
      readFileSync(resolve(__dirname, 'openapi.yaml'), 'utf8'),
    );
    expect(spec).toEqual(yaml);
  });

  it('is what the router tests check responses against, and it catches drift', () => {
    const summary = { name: 'prod', title: 'Production', state: 'parked' };
    expect(
      responseProblems('get', '/environments', 200, { items: [summary] }),
    ).toEqual([]);
    expect(
      responseProblems('get', '/environments', 200, {
        items: [{ ...summary, state: 'sleeping' }],
      }),
    ).toEqual([
      expect.stringContaining('must be equal to one of the allowed values'),
    ]);
    expect(
      responseProblems('get', '/environments', 200, {
        items: [{ ...summary, secretToken: 'x' }],
      }),
    ).toEqual([expect.stringContaining('must NOT have additional properties')]);
  });
});

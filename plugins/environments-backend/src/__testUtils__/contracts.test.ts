import { contract, Exchange } from './contracts';

const pipeline = {
  id: '5034460f-c7c4-4c43-9457-de07e2029e7b',
  number: 3,
  project_slug: 'gh/o/r',
  state: 'created',
  created_at: '2026-01-01T00:00:00Z',
  errors: [],
  trigger: {
    type: 'api',
    received_at: '2026-01-01T00:00:00Z',
    actor: { login: 'me', avatar_url: null },
  },
};

const exchange = (over: Partial<Exchange> = {}): Exchange => ({
  method: 'GET',
  url: 'http://c.test/api/v2/project/gh/o/r/pipeline?branch=main',
  headers: new Headers({ 'Circle-Token': 't' }),
  status: 200,
  responseBody: JSON.stringify({ items: [pipeline], next_page_token: null }),
  ...over,
});
const check = (e: Exchange) => contract('circleci').check(e, '/api/v2');

describe('contract checks', () => {
  it('accepts a conforming CircleCI exchange, null page token included', () => {
    expect(check(exchange())).toEqual([]);
  });

  it('rejects a body missing a required field', () => {
    const { state, ...broken } = pipeline;
    expect(
      check(
        exchange({
          responseBody: JSON.stringify({
            items: [broken],
            next_page_token: null,
          }),
        }),
      ),
    ).toEqual([expect.stringContaining("must have required property 'state'")]);
  });

  it('rejects undeclared query parameters, missing credentials and unknown paths', () => {
    expect(
      check(
        exchange({
          url: 'http://c.test/api/v2/project/gh/o/r/pipeline?brunch=main',
          headers: new Headers(),
        }),
      ),
    ).toEqual([
      "GET /project/gh/o/r/pipeline: query parameter 'brunch' is not declared",
      'GET /project/gh/o/r/pipeline: no credentials the contract accepts',
    ]);
    expect(check(exchange({ url: 'http://c.test/api/v2/pipelines' }))).toEqual([
      'GET /pipelines is not in the circleci contract',
    ]);
  });

  it('checks error bodies against the documented default response', () => {
    expect(
      check(
        exchange({ status: 404, responseBody: '{"message":"Not found."}' }),
      ),
    ).toEqual([]);
    expect(
      check(exchange({ status: 404, responseBody: '{"message":404}' })),
    ).toEqual([expect.stringContaining('message must be string')]);
  });

  it('matches URL-encoded GitHub contents paths and reads oneOf as anyOf', () => {
    const github = contract('github');
    const url =
      'http://gh.test/repos/o/r/contents/infra%2Fenvs%2Fprod%2Fmain.tf?ref=main';
    expect(
      github.check({
        method: 'GET',
        url,
        headers: new Headers(),
        status: 404,
        responseBody: JSON.stringify({
          message: 'Not Found',
          documentation_url: 'https://docs.github.com/rest',
        }),
      }),
    ).toEqual([]);
    expect(
      github.check({
        method: 'PUT',
        url: url.replace('?ref=main', ''),
        headers: new Headers(),
        requestBody: JSON.stringify({
          message: 'm',
          content: 'YQ==',
          sha: 'x',
        }),
        status: 409,
        responseBody: JSON.stringify({
          message: 'is at 1 but expected 2',
          documentation_url: 'https://docs.github.com/rest',
          status: '409',
        }),
      }),
    ).toEqual([]);
  });
});

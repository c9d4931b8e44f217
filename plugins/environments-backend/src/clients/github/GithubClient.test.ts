import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { contract as load } from '../../__testUtils__/contracts';
import { registerContractChecks } from '../../__testUtils__/mswContracts';
import { GithubClient } from './GithubClient';

const api = 'http://github.test/api/v3';
const TOKEN = 'ghp_secret_token';
const github = load('github');
const repo = { host: 'github.com', owner: 'rlhatcher', name: 'rocket-club' };
const path = 'infra/platform/infra/envs/prod/main.tf';
const notFound = () =>
  HttpResponse.json(
    { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
    { status: 404 },
  );

describe('GithubClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const contract = registerContractChecks(server, [
    { baseUrl: api, contract: 'github', uncontracted: [/\/compare\//] },
  ]);
  const client = GithubClient.fromConfig(
    new ConfigReader({
      integrations: {
        github: [{ host: 'github.com', apiBaseUrl: api, token: TOKEN }],
      },
    }),
  );
  const auth: (string | null)[] = [];

  beforeEach(() => {
    auth.length = 0;
    server.use(
      http.get(`${api}/repos/rlhatcher/rocket-club`, ({ request }) => {
        auth.push(request.headers.get('authorization'));
        const example = github.example('full-repository-default-response');
        // The official example lacks this required (nullable) field.
        example.language = null;
        example.source.language = null;
        return HttpResponse.json({ ...example, default_branch: 'trunk' });
      }),
      http.get(
        `${api}/repos/rlhatcher/rocket-club/contents/:path+`,
        ({ request }) => {
          auth.push(request.headers.get('authorization'));
          const url = new URL(request.url);
          if (url.searchParams.get('ref') !== 'trunk') return notFound();
          return HttpResponse.json({
            ...github.example<object>(
              'content-file-response-if-content-is-a-file',
            ),
            path,
            content: Buffer.from('locals {}\n').toString('base64'),
            sha: '3d21ec53a331a6f037a91c368710b99387d012c1',
          });
        },
      ),
    );
  });

  it('reads a file at the default branch through apiBaseUrl with the token', async () => {
    await expect(client.readFile(repo, path)).resolves.toEqual({
      content: 'locals {}\n',
      sha: '3d21ec53a331a6f037a91c368710b99387d012c1',
      ref: 'trunk',
    });
    expect(contract.calls()).toEqual([
      'GET /api/v3/repos/rlhatcher/rocket-club',
      `GET /api/v3/repos/rlhatcher/rocket-club/contents/${path}`,
    ]);
    expect(auth).toEqual([`token ${TOKEN}`, `token ${TOKEN}`]);
  });

  it('reads at a given branch without asking for the default one', async () => {
    await client.readFile(repo, path, 'trunk');
    expect(contract.calls()).toHaveLength(1);
  });

  it('names the file and ref when it is missing', async () => {
    const error = await client.readFile(repo, path, 'main').catch(e => e);
    expect(error.name).toBe('NotFoundError');
    expect(error.message).toContain(
      `GitHub has no '${path}' in rlhatcher/rocket-club@main`,
    );
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });

  it("reports GitHub refusing the portal's token as unavailable, never as the caller's 403", async () => {
    server.use(
      http.get(`${api}/repos/rlhatcher/rocket-club`, () =>
        HttpResponse.json(
          {
            message: 'Bad credentials',
            documentation_url: 'https://docs.github.com/rest',
          },
          { status: 403 },
        ),
      ),
    );
    await expect(client.defaultBranch(repo)).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining(
        "GitHub refused the portal's token on repository rlhatcher/rocket-club (HTTP 403)",
      ),
    });
  });

  it('compares two commits', async () => {
    server.use(
      http.get(
        `${api}/repos/rlhatcher/rocket-club/compare/:basehead`,
        ({ params }) =>
          HttpResponse.json({
            status: 'ahead',
            ahead_by: 4,
            behind_by: 0,
            html_url: `https://github.com/rlhatcher/rocket-club/compare/${params.basehead}`,
            commits: [],
          }),
      ),
    );
    await expect(client.compare(repo, 'a1b2c3d', 'e4f5a6b')).resolves.toEqual({
      aheadBy: 4,
      behindBy: 0,
      status: 'ahead',
      htmlUrl:
        'https://github.com/rlhatcher/rocket-club/compare/a1b2c3d...e4f5a6b',
    });
  });

  it('refuses a host without an integration', async () => {
    await expect(
      client.readFile({ ...repo, host: 'ghe.example.com' }, path),
    ).rejects.toThrow(
      "No integrations.github entry for host 'ghe.example.com'",
    );
  });
});

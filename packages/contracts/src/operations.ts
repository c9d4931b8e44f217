/**
 * The operations the project uses, as `METHOD /path-template`: what the
 * backend's clients call and the sandbox's stand-ins serve. The committed
 * CircleCI copy holds exactly these (see `derive.ts`); GitHub's are cut
 * from `@octokit/openapi` when loaded.
 */

/**
 * CircleCI API v2, relative to `https://circleci.com/api/v2`.
 *
 * @public
 */
export const CIRCLECI_OPERATIONS = [
  'GET /me',
  'GET /project/{project-slug}',
  'GET /project/{project-slug}/pipeline',
  'POST /project/{project-slug}/pipeline',
  'GET /project/{project-slug}/pipeline/mine',
  'GET /project/{project-slug}/pipeline/{pipeline-number}',
  'POST /project/{provider}/{organization}/{project}/pipeline/run',
  'GET /project/{project-slug}/job/{job-number}',
  'GET /project/{project-slug}/{job-number}/artifacts',
  'GET /pipeline/{pipeline-id}',
  'GET /pipeline/{pipeline-id}/config',
  'GET /pipeline/{pipeline-id}/workflow',
  'GET /workflow/{id}',
  'GET /workflow/{id}/job',
  'POST /workflow/{id}/approve/{approval_request_id}',
  'POST /workflow/{id}/cancel',
  'POST /workflow/{id}/rerun',
] as const;

/**
 * GitHub REST: read `main.tf`, open or update a pull request that edits it.
 *
 * @public
 */
export const GITHUB_OPERATIONS = [
  'GET /rate_limit',
  'GET /repos/{owner}/{repo}',
  'GET /repos/{owner}/{repo}/contents/{path}',
  'PUT /repos/{owner}/{repo}/contents/{path}',
  'POST /repos/{owner}/{repo}/git/blobs',
  'POST /repos/{owner}/{repo}/git/commits',
  'GET /repos/{owner}/{repo}/git/commits/{commit_sha}',
  'GET /repos/{owner}/{repo}/git/ref/{ref}',
  'POST /repos/{owner}/{repo}/git/refs',
  'PATCH /repos/{owner}/{repo}/git/refs/{ref}',
  'POST /repos/{owner}/{repo}/git/trees',
  'GET /repos/{owner}/{repo}/pulls',
  'POST /repos/{owner}/{repo}/pulls',
] as const;

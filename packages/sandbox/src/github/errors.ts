import { Response } from 'express';

const DOCS = 'https://docs.github.com/rest';

/** GitHub's error body: message, documentation URL and the status as a string. */
export function githubErrorBody(
  status: number,
  message: string,
  extra: { documentation?: string; errors?: object[] } = {},
) {
  return {
    message,
    ...(extra.errors ? { errors: extra.errors } : {}),
    documentation_url: extra.documentation ?? DOCS,
    status: String(status),
  };
}

/** Sends GitHub's error body. */
export function sendError(
  res: Response,
  status: number,
  message: string,
  extra: { documentation?: string; errors?: object[] } = {},
) {
  res.status(status).json(githubErrorBody(status, message, extra));
}

/** Documentation pages GitHub links from its errors. */
export const DOCS_PAGES = {
  contents: `${DOCS}/repos/contents#create-or-update-file-contents`,
  getContent: `${DOCS}/repos/contents#get-repository-content`,
  createRef: `${DOCS}/git/refs#create-a-reference`,
  updateRef: `${DOCS}/git/refs#update-a-reference`,
  getRef: `${DOCS}/git/refs#get-a-reference`,
  createPull: `${DOCS}/pulls/pulls#create-a-pull-request`,
  updatePull: `${DOCS}/pulls/pulls#update-a-pull-request`,
  getPull: `${DOCS}/pulls/pulls#get-a-pull-request`,
  compare: `${DOCS}/commits/commits#compare-two-commits`,
  gitCommit: `${DOCS}/git/commits#get-a-commit-object`,
  createCommit: `${DOCS}/git/commits#create-a-commit`,
  createTree: `${DOCS}/git/trees#create-a-tree`,
  createBlob: `${DOCS}/git/blobs#create-a-blob`,
  repo: `${DOCS}/repos/repos#get-a-repository`,
};

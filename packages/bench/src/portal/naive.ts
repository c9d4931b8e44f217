/**
 * What the usual CircleCI plugin does for each viewer of a project's page:
 * the browser lists the project's pipelines (one page), then lists the
 * workflows of every pipeline on it, through the Backstage proxy. Every
 * request it sends is counted here.
 */
export class NaiveCircleCiViewer {
  requests = 0;

  constructor(
    /** e.g. `http://localhost:7107/api/proxy/circleci/api` */
    private readonly proxyBase: string,
    private readonly token: string,
    private readonly projectSlug = 'gh/rlhatcher/rocket-club',
  ) {}

  private async get<T>(path: string): Promise<T> {
    this.requests += 1;
    const response = await fetch(`${this.proxyBase}${path}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    if (!response.ok) {
      throw new Error(
        `Naive GET ${path}: ${response.status} ${await response.text()}`,
      );
    }
    return (await response.json()) as T;
  }

  /** One page view; returns the pipelines it showed. */
  async pageView(): Promise<number> {
    const page = await this.get<{ items: { id: string }[] }>(
      `/project/${this.projectSlug}/pipeline?branch=main`,
    );
    await Promise.all(
      page.items.map(p => this.get(`/pipeline/${p.id}/workflow`)),
    );
    return page.items.length;
  }
}

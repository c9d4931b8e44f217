import express, { Router } from 'express';
import { escapeHtml, page } from '../http/html';
import { PipelineEngine } from './engine';
import { PipelineRecord, WorkflowRecord } from './model';
import { CircleCiStore } from './store';

const when = (ms: number | null) =>
  ms === null ? '' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

/**
 * The web pages the portal links to (`appBaseUrl`): a project's pipelines,
 * one pipeline, and one workflow with its jobs (with an approve button, as
 * CircleCI's UI has). Slugs may be `gh/org/repo` or `github/org/repo`.
 */
export function circleCiPages(options: {
  store: CircleCiStore;
  engine: PipelineEngine;
  projectSlug: string;
  approver: string;
}): Router {
  const { store, projectSlug } = options;
  const router = Router();
  const base = `/pipelines/${projectSlug}`;
  const pipelineLink = (p: PipelineRecord) =>
    `<a href="/app${base}/${p.number}">${p.number}</a>`;
  const workflowLink = (p: PipelineRecord, w: WorkflowRecord) =>
    `<a href="/app${base}/${p.number}/workflows/${w.id}">${escapeHtml(
      w.name,
    )}</a> <span class="badge">${w.status}</span>`;
  const find = (number: string) =>
    store.pipelineByNumber(projectSlug, Number(number));

  router.get(['/', '/pipelines', '/pipelines/:vcs/:org/:repo'], (_req, res) => {
    const rows = store.pipelines
      .slice()
      .reverse()
      .slice(0, 100)
      .map(
        p =>
          `<tr><td>${pipelineLink(p)}</td><td>${escapeHtml(
            p.state,
          )}</td><td>${escapeHtml(
            p.vcs.branch ?? p.vcs.tag ?? '',
          )}</td><td><code>${p.vcs.revision.slice(0, 7)}</code> ${escapeHtml(
            p.vcs.subject ?? '',
          )}</td><td>${p.trigger.type} by ${escapeHtml(
            p.trigger.actor.login,
          )}</td><td>${when(p.createdAt)}</td><td>${p.workflows
            .map(w => workflowLink(p, w))
            .join('<br>')}</td></tr>`,
      )
      .join('');
    res.send(
      page(
        `Pipelines of ${projectSlug}`,
        `<table><tr><th>#</th><th>State</th><th>Branch</th><th>Commit</th><th>Trigger</th><th>Created</th><th>Workflows</th></tr>${rows}</table>`,
      ),
    );
  });

  router.get('/pipelines/:vcs/:org/:repo/:number', (req, res) => {
    const p = find(req.params.number);
    if (!p) {
      res.status(404).send(page('Pipeline not found', ''));
      return;
    }
    const errors = p.errors
      .map(e => `<li>${escapeHtml(e.type)}: ${escapeHtml(e.message)}</li>`)
      .join('');
    const params = Object.entries(p.parameters)
      .map(
        ([k, v]) =>
          `<li><code>${escapeHtml(k)}: ${escapeHtml(
            JSON.stringify(v),
          )}</code></li>`,
      )
      .join('');
    res.send(
      page(
        `Pipeline ${p.number}`,
        `<p>${escapeHtml(p.state)} · ${escapeHtml(
          p.vcs.branch ?? '',
        )} <code>${p.vcs.revision.slice(0, 7)}</code> ${escapeHtml(
          p.vcs.subject ?? '',
        )}</p>
${errors ? `<h2>Errors</h2><ul>${errors}</ul>` : ''}<h2>Parameters</h2><ul>${
          params || '<li>defaults</li>'
        }</ul>
<h2>Workflows</h2><ul>${p.workflows
          .map(w => `<li>${workflowLink(p, w)}</li>`)
          .join('')}</ul>`,
      ),
    );
  });

  router.get('/pipelines/:vcs/:org/:repo/:number/workflows/:id', (req, res) => {
    const found = store.workflow(req.params.id);
    if (!found) {
      res.status(404).send(page('Workflow not found', ''));
      return;
    }
    const { pipeline: p, workflow: w } = found;
    const rows = w.jobs
      .map(j => {
        const approve =
          j.status === 'on_hold' && j.approvalRequestId
            ? `<form method="post" action="/app${base}/${p.number}/workflows/${w.id}/approve/${j.approvalRequestId}"><button>Approve</button></form>`
            : '';
        return `<tr><td>${escapeHtml(j.name)}</td><td>${j.type}</td><td>${
          j.status
        }</td><td>${j.requires.map(escapeHtml).join(', ')}</td><td>${when(
          j.startedAt,
        )}</td><td>${when(j.stoppedAt)}</td><td>${approve}</td></tr>`;
      })
      .join('');
    res.send(
      page(
        `${w.name} · pipeline ${p.number}`,
        `<p><span class="badge">${w.status}</span> created ${when(
          w.createdAt,
        )}${
          w.stoppedAt ? `, stopped ${when(w.stoppedAt)}` : ''
        } · ${pipelineLink(p)}</p>
<table><tr><th>Job</th><th>Type</th><th>Status</th><th>Requires</th><th>Started</th><th>Stopped</th><th></th></tr>${rows}</table>`,
      ),
    );
  });

  router.post(
    '/pipelines/:vcs/:org/:repo/:number/workflows/:id/approve/:approval',
    express.urlencoded({ extended: false }),
    (req, res) => {
      options.engine.approve(
        req.params.id,
        req.params.approval,
        options.approver,
      );
      res.redirect(
        303,
        `/app${base}/${req.params.number}/workflows/${req.params.id}`,
      );
    },
  );

  return router;
}

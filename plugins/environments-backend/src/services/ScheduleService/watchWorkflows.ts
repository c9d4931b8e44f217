import type { EnvironmentDefinition } from '../../config';
import type { EnvironmentsStore } from '../../database/EnvironmentsStore';
import type { ScheduleStore } from '../../database/ScheduleStore';
import type { OwnerNotifier } from '../OwnerNotifier/createOwnerNotifier';
import type { PlanReviewService } from '../PlanReviewService';

const FINISHED = ['success', 'failed', 'error', 'canceled'] as const;
/** Results older than this when first seen (e.g. on a first sync) are history, not news. */
const FRESH_MS = 60 * 60_000;

/**
 * Tells the owners about workflows that need or concern them, once each
 * (the claim in the database decides which instance sends): a deploy
 * awaiting approval, a park or unpark that finished or failed.
 */
export async function watchWorkflows(
  deps: {
    store: ScheduleStore;
    history: Pick<
      EnvironmentsStore,
      'listUnfinishedWorkflows' | 'newestWorkflow'
    >;
    notifier: OwnerNotifier;
    /** The plan review, for the counts in the approval notice. */
    plans?: Pick<PlanReviewService, 'review'>;
  },
  d: EnvironmentDefinition,
  now: Date,
): Promise<void> {
  const { store, history, notifier } = deps;
  for (const w of await history.listUnfinishedWorkflows(d.name)) {
    if (w.kind !== 'deploy' || w.status !== 'on_hold') continue;
    if (await store.claimNotification(d.name, `approval:${w.id}`, now)) {
      const plan = await deps.plans?.review(d, w.id).catch(() => undefined);
      const c = plan?.status === 'ok' ? plan.counts : undefined;
      const counts = c
        ? ` Plan +${c.create} ~${c.update} −${c.delete} ±${c.replace}${
            plan!.protected.length
              ? `, destroys or replaces ${
                  plan!.protected.length
                } protected resource(s)`
              : ''
          }.`
        : '';
      await notifier.notify(d, 'approval', {
        title: `${d.title}: deploy #${w.pipelineNumber} awaits approval`,
        description: `${w.name} (pipeline #${w.pipelineNumber}${
          w.pipeline.actor ? ` by ${w.pipeline.actor}` : ''
        }) is held for approval${
          w.approval ? ` at ${w.approval.jobName}` : ''
        }.${counts} Review the plan and approve it on the Environment tab.`,
        severity: 'high',
      });
    }
  }
  for (const kind of ['park', 'unpark'] as const) {
    const w = await history.newestWorkflow(d.name, kind, [...FINISHED]);
    const stopped = Date.parse(w?.stoppedAt ?? w?.createdAt ?? '');
    if (!w || !(now.getTime() - stopped <= FRESH_MS)) continue;
    if (!(await store.claimNotification(d.name, `result:${w.id}`, now))) {
      continue;
    }
    const ok = w.status === 'success';
    await notifier.notify(d, `${kind}-result`, {
      title: `${d.title}: ${kind} #${w.pipelineNumber} ${
        ok ? 'finished' : w.status
      }`,
      description: ok
        ? `${d.title} is ${kind === 'park' ? 'parked' : 'awake'}.`
        : `${w.name} (pipeline #${w.pipelineNumber}) ended ${w.status}; ${
            d.title
          } may be half ${kind === 'park' ? 'parked' : 'awake'}.`,
      severity: ok ? 'normal' : 'high',
    });
  }
}

import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/** The portal's policy for a person: owners of prod (ada) only. */
export function ownerOnlyPermissions(owner = 'user:default/ada') {
  return mockServices.permissions.mock({
    async authorize(requests, { credentials }) {
      const ref = (credentials.principal as { userEntityRef?: string })
        .userEntityRef;
      return requests.map(() => ({
        result: ref === owner ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      }));
    },
  });
}

/** An audit event as the tests read it. */
export interface AuditRecord {
  eventId: string;
  meta?: object;
  outcome?: 'success' | 'fail';
  error?: string;
  after?: object;
}

/**
 * `mockServices.auditor.mock()`, with `events()` reading what it was given
 * from its calls: each created event, and how it ended.
 */
export function recordingAuditor() {
  const auditor = mockServices.auditor.mock();
  const ends: { success: jest.Mock; fail: jest.Mock }[] = [];
  auditor.createEvent.mockImplementation(async () => {
    const end = { success: jest.fn(), fail: jest.fn() };
    ends.push(end);
    return end;
  });
  const events = (): AuditRecord[] =>
    auditor.createEvent.mock.calls.map(([options], i) => {
      const event: AuditRecord = {
        eventId: options.eventId,
        meta: options.meta,
      };
      const [succeeded] = ends[i].success.mock.calls;
      const [failed] = ends[i].fail.mock.calls;
      if (succeeded) {
        event.outcome = 'success';
        event.after = succeeded[0]?.meta;
      } else if (failed) {
        event.outcome = 'fail';
        event.error = failed[0].error.message;
        event.after = failed[0].meta;
      }
      return event;
    });
  return { auditor, events };
}

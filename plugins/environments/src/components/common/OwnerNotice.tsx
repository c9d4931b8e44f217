import { createContext, ReactNode, useContext, useId } from 'react';
import { Alert } from '@material-ui/lab';
import { RELATION_OWNED_BY } from '@backstage/catalog-model';
import {
  EntityRefLinks,
  getEntityRelations,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { environmentParkPermission } from '@rocket-club/plugin-environments-common';

const OwnerNoticeContext = createContext<string | undefined>(undefined);

/** The id of the page's owner notice, when it is shown. */
export function useOwnerNoticeId(): string | undefined {
  return useContext(OwnerNoticeContext);
}

/**
 * For someone who is not an owner of the environment: one notice naming
 * the owners (linked) instead of a "no permission" line under every
 * control. The controls point at it with `aria-describedby`.
 */
export function OwnerNotice(props: { entityRef: string; children: ReactNode }) {
  const id = useId();
  const { entity } = useEntity();
  const { loading, allowed, error } = usePermission({
    permission: environmentParkPermission,
    resourceRef: props.entityRef,
  });
  const notOwner = !loading && !error && !allowed;
  const owners = getEntityRelations(entity, RELATION_OWNED_BY);
  return (
    <OwnerNoticeContext.Provider value={notOwner ? id : undefined}>
      {notOwner && (
        <Alert severity="info" id={id} role="note" style={{ marginBottom: 24 }}>
          {owners.length > 0 ? (
            <>
              Owned by{' '}
              <EntityRefLinks entityRefs={owners} defaultKind="group" /> — ask
              them to park, unpark, approve or bump images.
            </>
          ) : (
            <>
              Only the owners of this environment can park, unpark, approve or
              bump images.
            </>
          )}
        </Alert>
      )}
      {props.children}
    </OwnerNoticeContext.Provider>
  );
}

import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import type { EnvironmentSummary } from '@rocket-club/plugin-environments-common';
import { getEnvironmentName } from '../../conditions';
import { PanelError, TimeAgo } from '../common';
import { StateChip } from '../StateChip';
import { useOwnedEnvironments } from './useOwnedEnvironments';

function findSummary(
  resource: Entity,
  summaries: EnvironmentSummary[] | undefined,
): EnvironmentSummary | undefined {
  const ref = stringifyEntityRef(resource);
  const name = getEnvironmentName(resource);
  return summaries?.find(s => s.entityRef === ref || s.name === name);
}

/**
 * The catalog ownership view for Group and User pages: each environment
 * Resource the entity owns (for a user, also through their groups) with its
 * live state.
 *
 * @public
 */
export function EntityOwnedEnvironmentsCard() {
  const { entity } = useEntity();
  const { owned, states } = useOwnedEnvironments(entity);

  let body;
  if (owned.error) {
    body = (
      <PanelError
        title="Could not load the owned environments from the catalog"
        error={owned.error}
        onRetry={owned.retry}
      />
    );
  } else if (owned.loading && !owned.value) {
    body = <Progress />;
  } else if (owned.value?.length === 0) {
    body = (
      <Typography variant="body2">
        {entity.metadata.title ?? entity.metadata.name} owns no environments.
      </Typography>
    );
  } else if (owned.value) {
    body = (
      <Table size="small" aria-label="Owned environments">
        <TableHead>
          <TableRow>
            <TableCell>Environment</TableCell>
            <TableCell>State</TableCell>
            <TableCell>Since</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {owned.value.map(resource => {
            const summary = findSummary(resource, states.value);
            return (
              <TableRow key={stringifyEntityRef(resource)}>
                <TableCell>
                  <EntityRefLink entityRef={resource} />
                </TableCell>
                <TableCell>
                  {summary ? (
                    <StateChip state={summary.state} size="small" />
                  ) : (
                    <Typography variant="body2" color="textSecondary">
                      {states.loading ? 'Loading…' : 'Not available'}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  <TimeAgo iso={summary?.since} />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    );
  }

  return (
    <InfoCard title="Owned environments">
      {states.error && (
        <Box mb={2}>
          <PanelError
            title="Could not load the environment states"
            error={states.error}
            onRetry={states.retry}
          />
        </Box>
      )}
      {body}
    </InfoCard>
  );
}

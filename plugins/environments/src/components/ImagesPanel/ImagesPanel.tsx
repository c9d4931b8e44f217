import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import type { EnvironmentLock } from '@rocket-club/plugin-environments-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { environmentsApiRef } from '../../api';
import { BUMP_TEMPLATE_NAME, selectedTemplateRouteRef } from '../../routes';
import { isBackendUnreachable } from '../../utils/errors';
import { PanelError } from '../common';
import { ImageRow } from './ImageRow';

/**
 * The images the environment pins in Terraform against the newest ones in
 * ECR, with Bump per image, Rebuild and a link to the bump template.
 */
export function ImagesPanel(props: {
  name: string;
  entityRef: string;
  lock?: EnvironmentLock;
  onChanged?: () => void;
  /** Bumped by the page when the images changed (signal, refresh). */
  version?: number;
  /** The backend is unreachable: the page says so once. */
  offline?: boolean;
}) {
  const api = useApi(environmentsApiRef);
  const templateRoute = useRouteRef(selectedTemplateRouteRef);
  const { value, error, loading, retry } = useAsyncRetry(
    () => api.getImages(props.name),
    [api, props.name, props.version],
  );

  let body;
  if (error && (props.offline || isBackendUnreachable(error)) && !value) {
    body = null;
  } else if (error && !value) {
    body = (
      <PanelError
        title={`Could not load the images of '${props.name}'`}
        error={error}
        onRetry={retry}
      />
    );
  } else if (loading && !value) {
    body = <Progress />;
  } else if (value) {
    body = (
      <>
        {/* Scrolls sideways on a narrow screen instead of cutting Bump off. */}
        <Box overflow="auto">
          <Table size="small" aria-label="Images">
            <TableHead>
              <TableRow>
                <TableCell>Image</TableCell>
                <TableCell>Pinned</TableCell>
                <TableCell>Newest in ECR</TableCell>
                <TableCell>Behind</TableCell>
                <TableCell>
                  <Typography variant="srOnly">Actions</Typography>
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {value.images.map(image => (
                <ImageRow
                  key={image.name}
                  environment={props.name}
                  image={image}
                  entityRef={props.entityRef}
                  lock={props.lock}
                  onChanged={props.onChanged}
                />
              ))}
            </TableBody>
          </Table>
        </Box>
        <Typography variant="caption" color="textSecondary">
          Pins read from <code>{value.source}</code>.
        </Typography>
      </>
    );
  }

  return (
    <InfoCard title="Images">
      {body}
      <Box mt={2} display="flex" alignItems="flex-start" gridGap={16}>
        {templateRoute && (
          <Link
            to={templateRoute({
              namespace: 'default',
              templateName: BUMP_TEMPLATE_NAME,
            })}
          >
            Open the bump template
          </Link>
        )}
      </Box>
    </InfoCard>
  );
}

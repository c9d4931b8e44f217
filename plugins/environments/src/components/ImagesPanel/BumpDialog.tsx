import { useCallback, useEffect } from 'react';
import { Box, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type {
  ImageStatus,
  OperationResult,
} from '@rocket-club/plugin-environments-common';
import { environmentsApiRef } from '../../api';
import { useIdempotentAction } from '../../hooks/useIdempotentAction';
import { ConfirmDialog, PanelError } from '../common';
import { DiffView } from './DiffView';

function Preview(props: { preview: OperationResult; image: ImageStatus }) {
  const { preview, image } = props;
  if (preview.noop) {
    return (
      <Typography paragraph>
        <code>{image.local}</code> already pins <code>{preview.toTag}</code>:
        nothing to do.
      </Typography>
    );
  }
  return (
    <>
      <Typography paragraph>
        Pins <code>{image.local}</code> from <code>{preview.fromTag}</code> to{' '}
        <code>{preview.toTag}</code>.
      </Typography>
      {preview.pullRequest && (
        <Typography paragraph>
          {preview.pullRequest.updated
            ? 'Updates the open pull request'
            : 'Opens the pull request'}{' '}
          “{preview.pullRequest.title}” from branch{' '}
          <code>{preview.pullRequest.branch}</code>.
        </Typography>
      )}
      {preview.diff && (
        <DiffView diff={preview.diff} label="Terraform change" />
      )}
    </>
  );
}

function confirmLabel(image: ImageStatus, preview?: OperationResult) {
  const open = image.openPullRequest?.number ?? preview?.pullRequest?.number;
  if (open) return `Update PR #${open}`;
  return preview?.pullRequest?.updated
    ? 'Update pull request'
    : 'Open pull request';
}

/**
 * Bumps one image: previews the change with a dry run, shows the diff, and
 * on confirmation opens (or updates) the pull request and links it.
 */
export function BumpDialog(props: {
  environment: string;
  image: ImageStatus;
  onClose: () => void;
}) {
  const { environment, image } = props;
  const api = useApi(environmentsApiRef);
  const preview = useIdempotentAction(
    useCallback(
      (idempotencyKey: string) =>
        api.bumpImage(
          environment,
          image.name,
          { dryRun: true },
          { idempotencyKey },
        ),
      [api, environment, image.name],
    ),
  );
  // Pin exactly the previewed tag, even if a newer one appeared meanwhile.
  const toTag = preview.result?.toTag;
  const bump = useIdempotentAction(
    useCallback(
      (idempotencyKey: string) =>
        api.bumpImage(
          environment,
          image.name,
          { tag: toTag, dryRun: false },
          { idempotencyKey },
        ),
      [api, environment, image.name, toTag],
    ),
  );
  const runPreview = preview.run;
  useEffect(() => {
    runPreview();
    // Only once per opening: the dialog is mounted when it opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const pr = bump.result?.pullRequest;
  return (
    <ConfirmDialog
      open
      title={`Bump the ${image.name} image of ${environment}`}
      confirmLabel={confirmLabel(image, preview.result)}
      onConfirm={() => bump.run()}
      onClose={props.onClose}
      running={bump.running}
      error={bump.error}
      confirmDisabled={!preview.result || preview.result.noop}
      hideConfirm={!!bump.result}
      cancelLabel={bump.result ? 'Close' : 'Cancel'}
    >
      {preview.running && <Progress />}
      {preview.error && (
        <PanelError
          title="Could not preview the change"
          error={preview.error}
          onRetry={runPreview}
        />
      )}
      {preview.result && <Preview preview={preview.result} image={image} />}
      {bump.result && (
        <Box mt={2}>
          <Alert severity="success">
            {bump.result.message}{' '}
            {pr?.url && (
              <Link to={pr.url}>
                Pull request {pr.number ? `#${pr.number}` : ''}
              </Link>
            )}
          </Alert>
        </Box>
      )}
    </ConfirmDialog>
  );
}

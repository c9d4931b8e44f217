import { useState } from 'react';
import { TableCell, TableRow, Typography } from '@material-ui/core';
import { Link } from '@backstage/core-components';
import {
  environmentImageBumpPermission,
  ImageStatus,
} from '@rocket-club/plugin-environments-common';
import { useActionGuard } from '../../hooks/useActionGuard';
import { GuardedButton, TimeAgo } from '../common';
import { BumpDialog } from './BumpDialog';

function bumpReason(image: ImageStatus): string | undefined {
  if (!image.bumpable) return 'Pinned to a fixed tag';
  if (!image.newest) return 'No matching image in ECR';
  if (image.upToDate) return 'Already on the newest image';
  return undefined;
}

function Behind(props: { image: ImageStatus }) {
  const { image } = props;
  if (image.upToDate) return <>Up to date</>;
  if (image.commitsBehind === undefined) {
    return <>{image.newest ? 'Newer image available' : '–'}</>;
  }
  const text = `${image.commitsBehind} commit${
    image.commitsBehind === 1 ? '' : 's'
  } behind`;
  return image.compareUrl ? (
    <Link to={image.compareUrl}>{text}</Link>
  ) : (
    <>{text}</>
  );
}

/** One pinned image against the newest in ECR, with its Bump button. */
export function ImageRow(props: {
  environment: string;
  image: ImageStatus;
  entityRef: string;
}) {
  const { image } = props;
  const [bumping, setBumping] = useState(false);
  const reason = useActionGuard({
    permission: environmentImageBumpPermission,
    entityRef: props.entityRef,
    verb: 'bump images of',
    otherReason: bumpReason(image),
  });
  return (
    <TableRow>
      <TableCell>
        <Typography variant="body2">{image.name}</Typography>
        <Typography variant="caption" color="textSecondary">
          {image.local}
        </Typography>
      </TableCell>
      <TableCell>
        <code>{image.pinned?.tag ?? '–'}</code>
        <Typography variant="caption" color="textSecondary" display="block">
          {image.pinned?.pushedAt && (
            <>
              pushed <TimeAgo iso={image.pinned.pushedAt} />
            </>
          )}
        </Typography>
      </TableCell>
      <TableCell>
        <code>{image.newest?.tag ?? '–'}</code>
        <Typography variant="caption" color="textSecondary" display="block">
          {image.newest?.pushedAt && (
            <>
              pushed <TimeAgo iso={image.newest.pushedAt} />
            </>
          )}
        </Typography>
      </TableCell>
      <TableCell>
        <Behind image={image} />
        {image.error && (
          <Typography variant="caption" color="error" display="block">
            {image.error}
          </Typography>
        )}
      </TableCell>
      <TableCell>
        <GuardedButton
          size="small"
          onClick={() => setBumping(true)}
          disabledReason={reason}
          aria-label={`Bump ${image.name}`}
        >
          Bump
        </GuardedButton>
        {bumping && (
          <BumpDialog
            environment={props.environment}
            image={image}
            onClose={() => setBumping(false)}
          />
        )}
      </TableCell>
    </TableRow>
  );
}

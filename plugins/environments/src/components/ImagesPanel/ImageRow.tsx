import { useState } from 'react';
import { makeStyles, TableCell, TableRow, Typography } from '@material-ui/core';
import { Link } from '@backstage/core-components';
import {
  environmentImageBumpPermission,
  EnvironmentLock,
  ImageStatus,
} from '@rocket-club/plugin-environments-common';
import { useActionGuard } from '../../hooks/useActionGuard';
import { GuardedButton, TimeAgo } from '../common';
import { BumpDialog } from './BumpDialog';
import { RebuildButton } from './RebuildButton';

const useStyles = makeStyles({
  // Identifiers break only at their own separators (after '-' in tags,
  // after '_' in locals), never mid-word.
  token: { overflowWrap: 'normal', wordBreak: 'normal' },
  tag: { overflowWrap: 'normal', wordBreak: 'normal', minWidth: '11ch' },
  nowrap: { whiteSpace: 'nowrap' },
});

/** `prefect_deployer_image` with a break opportunity after each `_`. */
function breakAtUnderscores(text: string) {
  const parts = text.split('_');
  return parts.map((part, i) => (
    <span key={i}>
      {part}
      {i < parts.length - 1 && (
        <>
          _<wbr />
        </>
      )}
    </span>
  ));
}

function bumpReason(image: ImageStatus): string | undefined {
  if (!image.newest) return 'No matching image in ECR';
  if (image.upToDate) return 'Already on the newest image';
  return undefined;
}

function Behind(props: { image: ImageStatus }) {
  const { image } = props;
  if (image.rebuiltAfterDeploy) {
    return (
      <>
        Rebuilt after the last deploy — apply needed
        {image.lastDeployAt && (
          <Typography variant="caption" color="textSecondary" display="block">
            last deploy <TimeAgo iso={image.lastDeployAt} />
          </Typography>
        )}
      </>
    );
  }
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

function Action(props: {
  environment: string;
  image: ImageStatus;
  entityRef: string;
  lock?: EnvironmentLock;
  onChanged?: () => void;
}) {
  const { image } = props;
  const [bumping, setBumping] = useState(false);
  const reason = useActionGuard({
    permission: environmentImageBumpPermission,
    entityRef: props.entityRef,
    verb: 'bump images of',
    otherReason: bumpReason(image),
  });
  // A fixed tag is never bumped; it is rebuilt in place.
  if (!image.bumpable) {
    return (
      <RebuildButton
        environment={props.environment}
        entityRef={props.entityRef}
        lock={props.lock}
        onChanged={props.onChanged}
      />
    );
  }
  const pr = image.openPullRequest;
  return (
    <>
      <GuardedButton
        size="small"
        onClick={() => setBumping(true)}
        disabledReason={reason}
        aria-label={
          pr ? `Update PR #${pr.number} of ${image.name}` : `Bump ${image.name}`
        }
      >
        {pr ? `Update PR #${pr.number}` : 'Bump'}
      </GuardedButton>
      {bumping && (
        <BumpDialog
          environment={props.environment}
          image={image}
          onClose={() => {
            setBumping(false);
            props.onChanged?.();
          }}
        />
      )}
    </>
  );
}

/** One pinned image against the newest in ECR, with Bump or Rebuild. */
export function ImageRow(props: {
  environment: string;
  image: ImageStatus;
  entityRef: string;
  lock?: EnvironmentLock;
  onChanged?: () => void;
}) {
  const classes = useStyles();
  const { image } = props;
  const pr = image.openPullRequest;
  return (
    <TableRow>
      <TableCell>
        <Typography variant="body2" className={classes.nowrap}>
          {image.name}
        </Typography>
        <Typography
          variant="caption"
          color="textSecondary"
          className={classes.token}
        >
          {breakAtUnderscores(image.local)}
        </Typography>
      </TableCell>
      <TableCell>
        <code className={classes.tag}>{image.pinned?.tag ?? '–'}</code>
        <Typography variant="caption" color="textSecondary" display="block">
          {image.pinned?.pushedAt && (
            <>
              pushed <TimeAgo iso={image.pinned.pushedAt} />
            </>
          )}
        </Typography>
      </TableCell>
      <TableCell>
        <code className={classes.tag}>{image.newest?.tag ?? '–'}</code>
        <Typography variant="caption" color="textSecondary" display="block">
          {image.newest?.pushedAt && (
            <>
              pushed <TimeAgo iso={image.newest.pushedAt} />
            </>
          )}
        </Typography>
      </TableCell>
      <TableCell className={classes.nowrap}>
        <Behind image={image} />
        {pr && (
          <Typography variant="caption" display="block">
            <Link to={pr.url}>PR #{pr.number} open</Link>
          </Typography>
        )}
        {image.error && (
          <Typography variant="caption" color="error" display="block">
            {image.error}
          </Typography>
        )}
      </TableCell>
      <TableCell className={classes.nowrap}>
        <Action {...props} />
      </TableCell>
    </TableRow>
  );
}

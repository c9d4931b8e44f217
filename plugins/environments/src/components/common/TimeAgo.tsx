import { formatAbsolute, formatRelative } from '../../utils/format';

/**
 * A relative time ("3 hours ago") in a `<time>` element whose title and
 * `dateTime` carry the absolute one.
 */
export function TimeAgo(props: { iso?: string }) {
  if (!props.iso) return null;
  return (
    <time dateTime={props.iso} title={formatAbsolute(props.iso)}>
      {formatRelative(props.iso)}
    </time>
  );
}

import { DateTime } from 'luxon';
import { useNow } from '../../hooks/useNow';
import { formatAbsolute, formatRelative } from '../../utils/format';

/**
 * A relative time ("3 hours ago") in a `<time>` element whose title and
 * `dateTime` carry the absolute one. It ticks: an open page never shows a
 * frozen "0 seconds ago".
 */
export function TimeAgo(props: { iso?: string }) {
  const now = useNow();
  if (!props.iso) return null;
  return (
    <time dateTime={props.iso} title={formatAbsolute(props.iso)}>
      {formatRelative(props.iso, DateTime.fromMillis(now))}
    </time>
  );
}

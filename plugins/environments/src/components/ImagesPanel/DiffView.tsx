import { ReactNode } from 'react';
import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles(theme => ({
  pre: {
    fontFamily: 'monospace',
    fontSize: theme.typography.body2.fontSize,
    background: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
    padding: theme.spacing(1),
    margin: 0,
    // Long image references wrap (at any character: they have no spaces)
    // instead of being clipped by the dialog or card.
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  added: { color: theme.palette.success.dark, display: 'block' },
  removed: { color: theme.palette.error.dark, display: 'block' },
  context: { display: 'block' },
  changed: {
    fontWeight: theme.typography.fontWeightBold as number,
    background: 'transparent',
    color: 'inherit',
    textDecoration: 'underline',
  },
}));

/** Where two lines start and stop differing. */
function changedRange(a: string, b: string) {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    start++;
  }
  let end = 0;
  while (
    end < a.length - start &&
    end < b.length - start &&
    a[a.length - 1 - end] === b[b.length - 1 - end]
  ) {
    end++;
  }
  return { start, end };
}

/**
 * A unified diff. The `+` and `-` line prefixes are kept, so the change reads
 * without its colours; in a removed/added pair the changed characters are
 * marked (bold, underlined), so a new tag is found at a glance.
 */
export function DiffView(props: { diff: string; label: string }) {
  const classes = useStyles();
  const lines = props.diff.replace(/\n$/, '').split('\n');
  const isRemoved = (l?: string) =>
    !!l && l.startsWith('-') && !l.startsWith('---');
  const isAdded = (l?: string) =>
    !!l && l.startsWith('+') && !l.startsWith('+++');

  const marked = (line: string, other: string | undefined): ReactNode => {
    if (other === undefined) return line;
    const { start, end } = changedRange(line.slice(1), other.slice(1));
    const body = line.slice(1);
    return (
      <>
        {line[0]}
        {body.slice(0, start)}
        <mark className={classes.changed}>
          {body.slice(start, body.length - end)}
        </mark>
        {body.slice(body.length - end)}
      </>
    );
  };

  return (
    <pre className={classes.pre} aria-label={props.label}>
      {lines.map((line, index) => {
        let className = classes.context;
        let content: ReactNode = line || ' ';
        if (isAdded(line)) {
          className = classes.added;
          const prev = lines[index - 1];
          content = marked(line, isRemoved(prev) ? prev : undefined);
        } else if (isRemoved(line)) {
          className = classes.removed;
          const next = lines[index + 1];
          content = marked(line, isAdded(next) ? next : undefined);
        }
        return (
          <span key={index} className={className}>
            {content}
          </span>
        );
      })}
    </pre>
  );
}

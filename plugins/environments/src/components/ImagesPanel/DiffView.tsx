import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles(theme => ({
  pre: {
    fontFamily: 'monospace',
    fontSize: theme.typography.body2.fontSize,
    background: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
    padding: theme.spacing(1),
    overflowX: 'auto',
    margin: 0,
  },
  added: { color: theme.palette.success.dark, display: 'block' },
  removed: { color: theme.palette.error.dark, display: 'block' },
  context: { display: 'block' },
}));

/**
 * A unified diff. The `+` and `-` line prefixes are kept, so the change reads
 * without its colours.
 */
export function DiffView(props: { diff: string; label: string }) {
  const classes = useStyles();
  const lines = props.diff.replace(/\n$/, '').split('\n');
  return (
    // A scrollable region must be reachable by keyboard to scroll it.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <pre className={classes.pre} aria-label={props.label} tabIndex={0}>
      {lines.map((line, index) => {
        let className = classes.context;
        if (line.startsWith('+') && !line.startsWith('+++')) {
          className = classes.added;
        } else if (line.startsWith('-') && !line.startsWith('---')) {
          className = classes.removed;
        }
        return (
          <span key={index} className={className}>
            {line || ' '}
          </span>
        );
      })}
    </pre>
  );
}

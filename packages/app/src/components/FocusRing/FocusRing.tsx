import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles(theme => ({
  '@global': {
    // A visible 2 px ring on every control reached by keyboard. MUI's
    // ButtonBase removes the outline and marks keyboard focus with
    // `.Mui-focusVisible`, so both that class and `:focus-visible` get it;
    // `!important` wins over component styles injected after this sheet.
    '*:focus-visible, .Mui-focusVisible': {
      outline: `2px solid ${theme.palette.primary.main} !important`,
      outlineOffset: '2px',
    },
  },
}));

/** Installs the app-wide keyboard focus ring. Renders nothing. */
export function FocusRing() {
  useStyles();
  return null;
}

import { render } from '@testing-library/react';
import { ThemeProvider } from '@material-ui/core';
import { lightTheme } from '@backstage/theme';
import { FocusRing } from './FocusRing';

describe('FocusRing', () => {
  it('gives every keyboard-focused control a 2 px ring', () => {
    render(
      <ThemeProvider theme={lightTheme}>
        <FocusRing />
      </ThemeProvider>,
    );
    const css = Array.from(document.querySelectorAll('style'))
      .map(s => s.textContent)
      .join('\n');
    expect(css).toMatch(
      /\*:focus-visible, \.Mui-focusVisible \{\s*outline: 2px solid #[0-9a-fA-F]+ !important;\s*outline-offset: 2px;/,
    );
  });
});

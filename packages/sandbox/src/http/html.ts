/** Escapes text for HTML. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A minimal page: the stand-ins' web links resolve to something readable. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#1f2328}
table{border-collapse:collapse}td,th{padding:.3rem .8rem;border-bottom:1px solid #d0d7de;text-align:left}
pre{background:#f6f8fa;padding:1rem;overflow:auto}.add{color:#1a7f37}.del{color:#cf222e}
.badge{padding:.1rem .5rem;border-radius:1rem;background:#ddf4ff}small{color:#656d76}
</style></head><body><p><small>rocket-club sandbox stand-in</small></p>
<h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

/** Renders a unified diff with added and removed lines coloured. */
export function diffHtml(patch: string): string {
  return `<pre>${patch
    .split('\n')
    .map(line => {
      let cls = '';
      if (line.startsWith('+')) cls = 'add';
      else if (line.startsWith('-')) cls = 'del';
      return cls
        ? `<span class="${cls}">${escapeHtml(line)}</span>`
        : escapeHtml(line);
    })
    .join('\n')}</pre>`;
}

import { createHash, randomUUID } from 'node:crypto';

/**
 * A UUID derived from `parts` (name-based, version 5 layout), so seeded
 * history keeps the same ids across restarts.
 */
export function stableUuid(...parts: Array<string | number>): string {
  const hex = createHash('sha1').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `5${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}

/** A random UUID (version 4). */
export function newUuid(): string {
  return randomUUID();
}

/** Stable lowercase hex of `length` characters derived from `parts`. */
export function stableHex(length: number, ...parts: Array<string | number>) {
  let out = '';
  for (let i = 0; out.length < length; i++) {
    out += createHash('sha256')
      .update([...parts, i].join('\u0000'))
      .digest('hex');
  }
  return out.slice(0, length);
}

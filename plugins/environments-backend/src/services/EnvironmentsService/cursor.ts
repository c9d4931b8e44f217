import { InputError } from '@backstage/errors';
import type { HistoryCursor } from '../../database/EnvironmentsStore';

/** An opaque keyset cursor for the history: where the last page ended. */
export function encodeCursor(cursor: HistoryCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString(
    'base64url',
  );
}

/** Reads a cursor back; an InputError quoting it when it is not one. */
export function decodeCursor(value: string): HistoryCursor {
  try {
    const [createdAt, id] = JSON.parse(
      Buffer.from(value, 'base64url').toString('utf8'),
    );
    if (
      typeof createdAt === 'string' &&
      !Number.isNaN(Date.parse(createdAt)) &&
      typeof id === 'string' &&
      id.length > 0
    ) {
      return { createdAt, id };
    }
  } catch {
    // fall through
  }
  throw new InputError(`Invalid cursor '${value}'`);
}

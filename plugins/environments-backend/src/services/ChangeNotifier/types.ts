/** A part of the environment page that a change concerns. */
export type ChangePart = 'status' | 'history' | 'images' | 'endpoints';

/** The message published on `environments:<name>` (contract). */
export interface ChangeMessage {
  environment: string;
  changed: ChangePart[];
  [key: string]: string | ChangePart[];
}

/**
 * Announces that something an environment page shows has changed, so open
 * pages refetch those parts at once instead of waiting for their background
 * refresh. Fire and forget: a lost announcement costs one refresh period.
 */
export interface ChangeNotifier {
  changed(environment: string, parts: ChangePart[]): void;
}

/** The signal channel of one environment (contract). */
export function changeChannel(environment: string): string {
  return `environments:${environment}`;
}

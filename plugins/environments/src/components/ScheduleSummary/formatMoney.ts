import type { EnvironmentSavings } from '@rocket-club/plugin-environments-common';

/** "£412" for 412.3 GBP: whole units, in the browser's locale. */
export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      maximumFractionDigits: 0,
    }).format(amount);
  } catch {
    return `${Math.round(amount)} ${currency}`;
  }
}

/** "Parking saved £412 in the last 30 days". */
export function savingsSentence(savings: EnvironmentSavings): string {
  return `Parking saved ${formatMoney(
    savings.last30Days,
    savings.currency,
  )} in the last 30 days`;
}

export { ScheduleSummary, runSentence } from './ScheduleSummary';
export { SavingsLine } from './SavingsLine';
export { formatMoney, savingsSentence } from './formatMoney';

export type { ChangeMessage, ChangeNotifier, ChangePart } from './types';
export { changeChannel } from './types';
export {
  createSignalsChangeNotifier,
  noopChangeNotifier,
} from './createSignalsChangeNotifier';
export type { SignalsChangeNotifierOptions } from './createSignalsChangeNotifier';
export { combineChangeNotifiers } from './combineChangeNotifiers';

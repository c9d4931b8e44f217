export { FocusRing } from './FocusRing';

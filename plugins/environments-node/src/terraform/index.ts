export { isImageTag, parseImageReference } from './imageReference';
export type { ImageReference } from './imageReference';
export { findLocalLiteral } from './localLiteral';
export type { LocalLiteral, SourceSpan } from './localLiteral';
export { pinnedImage, readPinnedImage, readPinnedImages } from './pinnedImages';
export type { PinnedImage, PinResult, PinSource } from './pinnedImages';
export {
  localsOf,
  parseTerraformFile,
  parseTerraformLocals,
  resolveStringLocal,
} from './terraformLocals';
export type { TerraformBody, TerraformLocals } from './terraformLocals';

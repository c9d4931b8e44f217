export { parseImageReference } from './imageReference';
export type { ImageReference } from './imageReference';
export { findLocalLiteral } from './localLiteral';
export type { LocalLiteral, SourceSpan } from './localLiteral';
export { pinnedImage, readPinnedImages } from './pinnedImages';
export type { PinResult, PinSource } from './pinnedImages';
export { parseTerraformLocals, resolveStringLocal } from './terraformLocals';
export type { TerraformLocals } from './terraformLocals';

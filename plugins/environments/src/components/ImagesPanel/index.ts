export { ImagesPanel } from './ImagesPanel';

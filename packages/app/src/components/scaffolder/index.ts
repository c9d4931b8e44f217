export {
  EnvironmentImageTagPickerExtension,
  ImageTagPicker,
} from './ImageTagPicker';

import {
  FormControl,
  FormHelperText,
  InputLabel,
  MenuItem,
  Select,
} from '@material-ui/core';
import { useApi } from '@backstage/core-plugin-api';
import { scaffolderPlugin } from '@backstage/plugin-scaffolder';
import {
  createScaffolderFieldExtension,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import { environmentsApiRef } from '@rocket-club/plugin-environments';
import useAsync from 'react-use/esm/useAsync';

/** Options of the field in a template's `ui:options`. */
export type ImageTagPickerOptions = {
  /** The image's key in the environment definition, e.g. `deployer`. */
  image?: string;
  /** The form field holding the environment's entity ref. */
  environmentField?: string;
};

/**
 * A choice of the ECR tags an environment's image may be bumped to, newest
 * first (the environments backend lists those matching the image's tag
 * pattern), with "the newest" as the empty default. Typing a tag by hand is
 * no longer needed, nor possible to get wrong.
 */
export function ImageTagPicker(
  props: FieldExtensionComponentProps<string, ImageTagPickerOptions>,
) {
  const { uiSchema, formData, onChange, rawErrors, required, schema } = props;
  const options = (uiSchema['ui:options'] ?? {}) as ImageTagPickerOptions;
  const image = options.image ?? 'deployer';
  const environment = (props.formContext?.formData ?? {})[
    options.environmentField ?? 'environment'
  ] as string | undefined;
  const api = useApi(environmentsApiRef);
  const { value, loading, error } = useAsync(
    async () =>
      environment
        ? api.getImageTags(environment, image, { limit: 50 })
        : undefined,
    [api, environment, image],
  );
  const tags = value?.tags ?? [];
  const labelId = `${props.idSchema?.$id ?? 'tag'}-label`;
  let help = schema.description;
  if (!environment) help = 'Choose the environment first.';
  else if (loading) help = 'Reading the tags from ECR…';
  else if (error) help = `Could not read the tags from ECR: ${error.message}`;
  return (
    <FormControl
      fullWidth
      margin="normal"
      required={required}
      error={!!rawErrors?.length || !!error}
      disabled={!environment || loading}
    >
      <InputLabel id={labelId} shrink>
        {schema.title ?? 'Tag'}
      </InputLabel>
      <Select
        labelId={labelId}
        displayEmpty
        value={formData ?? ''}
        onChange={event =>
          onChange((event.target.value as string) || (undefined as any))
        }
      >
        <MenuItem value="">
          The newest{tags[0] ? ` (${tags[0].tag})` : ''}
        </MenuItem>
        {tags.map(t => (
          <MenuItem key={t.tag} value={t.tag}>
            {t.tag} · pushed {new Date(t.pushedAt).toLocaleString()}
          </MenuItem>
        ))}
      </Select>
      {help && <FormHelperText>{help}</FormHelperText>}
    </FormControl>
  );
}

/** The `EnvironmentImageTagPicker` field of the bump template. */
export const EnvironmentImageTagPickerExtension = scaffolderPlugin.provide(
  createScaffolderFieldExtension<string, ImageTagPickerOptions>({
    name: 'EnvironmentImageTagPicker',
    component: ImageTagPicker,
  }),
);

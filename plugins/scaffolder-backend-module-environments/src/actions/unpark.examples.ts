import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Usage examples of `environments:unpark`, run by unpark.examples.test.ts. */
export const examples: TemplateExample[] = [
  {
    description:
      'Unpark the environment that an EntityPicker picked (an entity ref), without waiting',
    example: yaml.stringify({
      steps: [
        {
          id: 'unpark',
          action: 'environments:unpark',
          name: 'Unpark the environment',
          input: { environment: 'resource:default/prod' },
        },
      ],
    }),
  },
  {
    description:
      'Unpark prod and wait up to 45 minutes for the pipeline; the step fails unless it succeeds',
    example: yaml.stringify({
      steps: [
        {
          id: 'unpark',
          action: 'environments:unpark',
          name: 'Unpark prod',
          input: {
            environment: 'prod',
            waitForCompletion: true,
            timeoutMinutes: 45,
          },
        },
      ],
    }),
  },
  {
    description:
      'Preview: show the pipeline parameters that would be sent, trigger nothing',
    example: yaml.stringify({
      steps: [
        {
          id: 'preview',
          action: 'environments:unpark',
          name: 'Preview',
          input: { environment: 'prod', dryRun: true },
        },
      ],
    }),
  },
];

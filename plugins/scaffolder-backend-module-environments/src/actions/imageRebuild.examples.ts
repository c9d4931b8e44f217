import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Usage examples of `environments:image:rebuild`, run by imageRebuild.examples.test.ts. */
export const examples: TemplateExample[] = [
  {
    description:
      'Rebuild the Prefect base image of the environment that an EntityPicker picked (an entity ref), without waiting',
    example: yaml.stringify({
      steps: [
        {
          id: 'rebuild',
          action: 'environments:image:rebuild',
          name: 'Rebuild the Prefect base image of the environment',
          input: { environment: 'resource:default/prod' },
        },
      ],
    }),
  },
  {
    description:
      'Rebuild the Prefect base image of prod and wait up to 45 minutes for the pipeline; the step fails unless it succeeds',
    example: yaml.stringify({
      steps: [
        {
          id: 'rebuild',
          action: 'environments:image:rebuild',
          name: 'Rebuild the Prefect base image of prod',
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
          action: 'environments:image:rebuild',
          name: 'Preview',
          input: { environment: 'prod', dryRun: true },
        },
      ],
    }),
  },
];

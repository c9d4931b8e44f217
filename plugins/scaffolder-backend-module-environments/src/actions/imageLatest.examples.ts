import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Usage examples of `environments:image:latest`, run by imageLatest.examples.test.ts. */
export const examples: TemplateExample[] = [
  {
    description:
      'Find the newest Prefect deployer image of prod (the `deployer` image is the default)',
    example: yaml.stringify({
      steps: [
        {
          id: 'latest',
          action: 'environments:image:latest',
          name: 'Find the newest deployer image',
          input: { environment: 'resource:default/prod' },
        },
      ],
    }),
  },
  {
    description:
      'Find the newest tag of a named image, then bump to it only when prod is behind',
    example: yaml.stringify({
      steps: [
        {
          id: 'latest',
          action: 'environments:image:latest',
          name: 'Find the newest deployer image',
          input: { environment: 'prod', image: 'deployer' },
        },
        {
          id: 'bump',
          if: '${{ not steps.latest.output.upToDate }}',
          action: 'environments:image:bump',
          name: 'Pin it',
          input: {
            environment: 'prod',
            image: 'deployer',
            tag: '${{ steps.latest.output.tag }}',
          },
        },
      ],
    }),
  },
];

import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Usage examples of `environments:image:bump`, run by imageBump.examples.test.ts. */
export const examples: TemplateExample[] = [
  {
    description:
      'Pin the newest matching deployer tag in prod through a pull request',
    example: yaml.stringify({
      steps: [
        {
          id: 'bump',
          action: 'environments:image:bump',
          name: 'Bump the deployer image',
          input: { environment: 'resource:default/prod' },
        },
      ],
    }),
  },
  {
    description: 'Pin a given deployer tag (a roll back, say)',
    example: yaml.stringify({
      steps: [
        {
          id: 'bump',
          action: 'environments:image:bump',
          name: 'Pin the deployer image',
          input: {
            environment: 'prod',
            image: 'deployer',
            tag: 'prefect-deployer-3-python3.12-1a2b3c4',
          },
        },
      ],
    }),
  },
  {
    description:
      'Preview: show the diff and the pull request that would be opened, open nothing',
    example: yaml.stringify({
      steps: [
        {
          id: 'preview',
          action: 'environments:image:bump',
          name: 'Preview the bump',
          input: { environment: 'prod', dryRun: true },
        },
      ],
    }),
  },
];

import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Usage examples of `circleci:pipeline:trigger`, run by pipelineTrigger.examples.test.ts. */
export const examples: TemplateExample[] = [
  {
    description:
      'Trigger the terraform-prod workflow of prod on main: a plan, then the apply held for approval',
    example: yaml.stringify({
      steps: [
        {
          id: 'trigger',
          action: 'circleci:pipeline:trigger',
          name: 'Trigger terraform-prod',
          input: {
            environment: 'resource:default/prod',
            branch: 'main',
            parameters: { 'terraform-prod-mode': true },
          },
        },
      ],
    }),
  },
  {
    description:
      'Preview: check the parameters against .circleci/config.yml, trigger nothing',
    example: yaml.stringify({
      steps: [
        {
          id: 'preview',
          action: 'circleci:pipeline:trigger',
          name: 'Preview the trigger',
          input: {
            environment: 'prod',
            parameters: {
              'refresh-prefect-image-mode': true,
              'terraform-prod-mode': false,
            },
            dryRun: true,
          },
        },
      ],
    }),
  },
];

import type { z as zod } from 'zod/v3';

type Z = typeof zod;

/** What the backend said happened, in one sentence. */
export const message = (z: Z) =>
  z.string({
    description: 'What happened (or would, on a dry run), in one sentence',
  });

/** The CircleCI pipeline id. */
export const pipelineId = (z: Z) =>
  z
    .string({
      description:
        'The id of the triggered CircleCI pipeline (not set on a dry run)',
    })
    .optional();

/** The CircleCI pipeline number. */
export const pipelineNumber = (z: Z) =>
  z
    .number({
      description:
        'The number of the triggered CircleCI pipeline (not set on a dry run)',
    })
    .optional();

/** Link to the pipeline. */
export const pipelineUrl = (z: Z) =>
  z
    .string({
      description:
        'Link to the triggered pipeline in CircleCI (not set on a dry run)',
    })
    .optional();

/** The pipeline parameters sent, or that would be. */
export const parameters = (z: Z) =>
  z.record(z.union([z.string(), z.number(), z.boolean()]), {
    description:
      'The pipeline parameters that were sent, or would be on a dry run',
  });

/** The final workflow status, when waited for. */
export const workflowStatus = (z: Z) =>
  z
    .string({
      description:
        "With `waitForCompletion`: the pipeline's final workflow status (`success`, or the first failing one: `failed`, `error`, `unauthorized`, `canceled`, `not_run`)",
    })
    .optional();

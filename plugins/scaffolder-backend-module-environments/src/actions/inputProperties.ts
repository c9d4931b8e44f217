import type { z as zod } from 'zod/v3';

type Z = typeof zod;

/** The environment to act on; templates pass an EntityPicker's entity ref. */
export const environment = (z: Z) =>
  z
    .string({
      description:
        'The environment: its name in the environments config (`prod`) or the entity ref of its catalog entity (`resource:default/prod`), as an EntityPicker returns it',
    })
    .min(1);

/** The image's key in the environment definition. */
export const image = (z: Z) =>
  z
    .string({
      description:
        "The image's key in the environment definition, e.g. `deployer`. Defaults to `deployer`",
    })
    .min(1)
    .optional();

/** Preview without acting. */
export const dryRun = (z: Z) =>
  z
    .boolean({
      description:
        'Preview only: ask the backend what would happen (the diff, the pipeline and its parameters) and change nothing. A dry run of the template implies it',
    })
    .optional();

/** Wait for the triggered pipeline's workflows. */
export const waitForCompletion = (z: Z) =>
  z
    .boolean({
      description:
        "Wait until the triggered pipeline's workflows finish, output their status as `workflowStatus`, and fail the step unless they all succeed. Defaults to false",
    })
    .optional();

/** How long to wait for the workflows. */
export const timeoutMinutes = (z: Z) =>
  z
    .number({
      description:
        'With `waitForCompletion`: how long to wait, in minutes, before failing the step. Defaults to 30',
    })
    .int()
    .min(1)
    .max(24 * 60)
    .optional();

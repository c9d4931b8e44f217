import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/core-plugin-api';

/** The environments index page. */
export const rootRouteRef = createRouteRef({
  id: 'environments',
});

/**
 * A software template's page in the scaffolder, used to link the image bump
 * template. Optional: without a binding the link is not shown.
 */
export const selectedTemplateRouteRef = createExternalRouteRef({
  id: 'environments-selected-template',
  params: ['namespace', 'templateName'],
  optional: true,
  defaultTarget: 'scaffolder.selectedTemplate',
});

/** The software template (in `default`) that bumps the deployer image. */
export const BUMP_TEMPLATE_NAME = 'bump-prefect-deployer-image';

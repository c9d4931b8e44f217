import { startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { scaffolderModule } from '../module';

/**
 * Starts a backend with only our module, against a fake scaffolder
 * extension point, and returns the actions the module registered.
 */
export async function registeredActions(): Promise<
  TemplateAction<any, any, any>[]
> {
  const actions: TemplateAction<any, any, any>[] = [];
  const backend = await startTestBackend({
    extensionPoints: [
      [
        scaffolderActionsExtensionPoint,
        { addActions: (...added) => actions.push(...added) },
      ],
    ],
    features: [scaffolderModule],
  });
  await backend.stop();
  return actions;
}

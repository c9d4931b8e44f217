import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'yaml';
import { registeredActions } from './__testUtils__/registeredActions';

describe('scaffolderModule', () => {
  let actions: TemplateAction<any, any, any>[];

  beforeAll(async () => {
    actions = await registeredActions();
  });

  it('registers exactly the actions of DESIGN §6', () => {
    expect(actions.map(a => a.id).sort()).toEqual([
      'circleci:pipeline:trigger',
      'environments:image:bump',
      'environments:image:latest',
      'environments:image:rebuild',
      'environments:park',
      'environments:unpark',
    ]);
  });

  it('describes every action with schemas and supports dry runs', () => {
    for (const action of actions) {
      expect(action.description).toMatch(/^[A-Z][^\n]+\.$/);
      expect(action.schema?.input).toMatchObject({ type: 'object' });
      expect(action.schema?.output).toMatchObject({ type: 'object' });
      expect(action.supportsDryRun).toBe(true);
    }
  });

  it('gives every action examples that use it and only registered actions', () => {
    const ids = new Set(actions.map(a => a.id));
    for (const action of actions) {
      expect(action.examples?.length).toBeGreaterThan(0);
      for (const example of action.examples ?? []) {
        const { steps } = yaml.parse(example.example);
        const used = steps.map((s: { action: string }) => s.action);
        expect(used).toContain(action.id);
        expect(used.filter((id: string) => !ids.has(id))).toEqual([]);
      }
    }
  });

  it('runs every examples file in an examples test', () => {
    const dir = join(__dirname, 'actions');
    const files = readdirSync(dir);
    const examples = files.filter(f => f.endsWith('.examples.ts'));
    expect(examples).toHaveLength(actions.length);
    // One test file per example set, or one describe.each over several.
    const tests = files
      .filter(f => f.endsWith('.examples.test.ts'))
      .map(f => readFileSync(join(dir, f), 'utf8'));
    for (const file of examples) {
      const name = `'./${file.replace(/\.ts$/, '')}'`;
      expect({ file, tested: tests.some(t => t.includes(name)) }).toEqual({
        file,
        tested: true,
      });
    }
  });
});

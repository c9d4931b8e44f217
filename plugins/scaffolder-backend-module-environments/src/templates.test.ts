import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  TemplateEntityV1beta3,
  templateEntityV1beta3Validator,
} from '@backstage/plugin-scaffolder-common';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validate } from 'jsonschema';
import yaml from 'yaml';
import { registeredActions } from './__testUtils__/registeredActions';

const root = resolve(__dirname, '../../..');
const files = readdirSync(join(root, 'templates')).filter(f =>
  f.endsWith('.yaml'),
);
const load = (file: string) =>
  yaml.parse(
    readFileSync(join(root, 'templates', file), 'utf8'),
  ) as TemplateEntityV1beta3;

/** Every string in a value, however deep. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') {
    return Object.values(value).flatMap(strings);
  }
  return [];
}

/** The names that `${{ ... }}` expressions in the strings refer to. */
function references(value: unknown, pattern: RegExp): string[][] {
  return strings(value)
    .flatMap(s => s.match(/\$\{\{.*?\}\}/g) ?? [])
    .flatMap(expression => [...expression.matchAll(pattern)])
    .map(match => match.slice(1));
}

describe('templates', () => {
  let actions: Map<string, TemplateAction<any, any, any>>;

  beforeAll(async () => {
    actions = new Map((await registeredActions()).map(a => [a.id, a]));
  });

  it('are the four of the brief, each registered in the catalog', () => {
    expect(files.map(f => load(f).metadata.name).sort()).toEqual([
      'bump-prefect-deployer-image',
      'park-environment',
      'refresh-prefect-base-image',
      'unpark-environment',
    ]);
    const location = yaml
      .parseAllDocuments(readFileSync(join(root, 'catalog-info.yaml'), 'utf8'))
      .map(d => d.toJS())
      .find(
        e => e.kind === 'Location' && e.metadata.name === 'rocket-club-org',
      );
    expect(location.spec.targets).toEqual(
      expect.arrayContaining(files.map(f => `./templates/${f}`)),
    );
  });

  describe.each(files)('%s', file => {
    const template = load(file);
    const pages = [template.spec.parameters ?? []].flat();
    const fields = Object.assign(
      {},
      ...pages.map(p => (p.properties ?? {}) as Record<string, any>),
    );
    const steps = template.spec.steps;

    it('is a valid v1beta3 Template', async () => {
      await expect(
        templateEntityV1beta3Validator.check(template),
      ).resolves.toBe(true);
    });

    it('uses registered actions, giving each its required inputs and no unknown ones', () => {
      for (const step of steps) {
        const action = actions.get(step.action);
        expect(action).toBeDefined();
        const schema = action!.schema!.input as any;
        const input = step.input ?? {};
        expect(
          Object.keys(input).filter(k => !(k in schema.properties)),
        ).toEqual([]);
        expect(schema.required.filter((k: string) => !(k in input))).toEqual(
          [],
        );
        const literals = Object.entries(input).filter(
          ([, value]) => !strings(value).some(s => s.includes('${{')),
        );
        for (const [key, value] of literals) {
          expect(validate(value, schema.properties[key]).errors).toEqual([]);
        }
      }
    });

    it('feeds the actions from its own fields and earlier steps’ declared outputs', () => {
      const used = references(
        [steps, template.spec.output],
        /parameters\.(\w+)/g,
      ).map(([name]) => name);
      expect(used.filter(name => !(name in fields))).toEqual([]);
      expect(Object.keys(fields).filter(name => !used.includes(name))).toEqual(
        [],
      );

      steps.forEach((step, index) => {
        const earlier = new Map(
          steps.slice(0, index).map(s => [s.id, actions.get(s.action)]),
        );
        for (const [id, output] of references(
          step,
          /steps\.(\w+)\.output\.(\w+)/g,
        )) {
          expect(earlier.has(id)).toBe(true);
          expect(earlier.get(id)!.schema!.output!.properties).toHaveProperty(
            output,
          );
        }
      });
      const all = new Map(steps.map(s => [s.id, actions.get(s.action)]));
      for (const [id, output] of references(
        template.spec.output,
        /steps\.(\w+)\.output\.(\w+)/g,
      )) {
        expect(all.get(id)!.schema!.output!.properties).toHaveProperty(output);
      }
    });

    it('picks the environment among those the user owns, shown by name', () => {
      // OwnedEntityPicker adds relations.ownedBy = the user's ownership
      // refs: a non-owner sees no environment instead of failing at the end.
      expect(fields.environment).toMatchObject({
        type: 'string',
        'ui:field': 'OwnedEntityPicker',
        'ui:options': {
          catalogFilter: [{ kind: 'Resource', 'spec.type': 'environment' }],
          defaultKind: 'Resource',
          defaultNamespace: 'default',
        },
      });
      expect(pages[0].required).toContain('environment');
    });

    it('labels its buttons for what it does, not "Create"', () => {
      const labels = (template.spec as any).presentation?.buttonLabels;
      expect(labels?.createButtonText).toMatch(
        /^(Park|Unpark|Rebuild|Open pull request)$/,
      );
      expect(labels?.reviewButtonText).toBe('Review');
    });

    it('writes placeholders in help texts as code, so markdown keeps them', () => {
      for (const field of Object.values(fields) as { description?: string }[]) {
        const text = field.description ?? '';
        // A bare <sha> is an HTML tag to the markdown renderer: it vanishes.
        expect(text.replace(/`[^`]*`/g, '')).not.toMatch(/<[a-z]+>/);
      }
    });

    it('marks every step that changes something as owner-only', () => {
      const mutating = steps.filter(
        s => s.action !== 'environments:image:latest',
      );
      expect(mutating.length).toBeGreaterThan(0);
      for (const step of mutating) {
        expect(step['backstage:permissions']?.tags).toContain(
          'environment-owner',
        );
      }
    });

    it('ends with a link to the environment and to the PR or pipeline', () => {
      const links = (template.spec.output?.links ?? []) as any[];
      expect(links).toContainEqual(
        expect.objectContaining({ entityRef: '${{ parameters.environment }}' }),
      );
      expect(
        links.some(l => /pullRequestUrl|pipelineUrl/.test(l.url ?? '')),
      ).toBe(true);
    });
  });
});

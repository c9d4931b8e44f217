import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HclBody, TerraformModule } from './terraform';

/*
 * The AWS provider's schema, as @cdktf/provider-aws ships it: the package is
 * generated from hashicorp/aws, one folder per resource (`lib/ecs-service`)
 * or data source (`lib/data-aws-ecr-image`), whose index.d.ts declares the
 * `<Class>Config` interface of every settable argument and one interface per
 * nested block. Each property's doc comment links the registry anchor of its
 * Terraform name (`...docs/resources/ecs_service#desired_count`), and an
 * argument without `?` is required.
 */

/**
 * Arguments and nested blocks of one block.
 *
 * @public
 */
export interface BlockSchema {
  attributes: Map<string, { required: boolean }>;
  blocks: Map<string, { required: boolean; schema: BlockSchema }>;
}

const PROPERTY =
  /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*readonly\s+(\w+)(\??):\s*([\s\S]*?);\n\s*(?=\/\*\*|\})/g;
const ANCHOR = /#([a-z0-9_]+) \w+#/;

function packageLib(): string {
  return join(
    dirname(require.resolve('@cdktf/provider-aws/package.json')),
    'lib',
  );
}

/**
 * The provider version the package was generated from (the registry links
 * name it).
 *
 * @public
 */
export function schemaProviderVersion(): string {
  const text = readFileSync(join(packageLib(), 'vpc', 'index.d.ts'), 'utf8');
  const version = /providers\/hashicorp\/aws\/(\d+\.\d+\.\d+)\//.exec(text);
  if (!version) throw new Error('no provider version in @cdktf/provider-aws');
  return version[1];
}

function interfaces(text: string): Map<string, string> {
  const found = new Map<string, string>();
  const header = /export interface (\w+)(?: extends [\w.]+)? \{\n/g;
  for (const match of text.matchAll(header)) {
    const start = match.index! + match[0].length;
    const end = text.indexOf('\n}\n', start);
    found.set(match[1], `${text.slice(start, end)}\n}`);
  }
  return found;
}

function blockSchema(
  name: string,
  all: Map<string, string>,
  seen: Set<string> = new Set(),
): BlockSchema {
  const schema: BlockSchema = { attributes: new Map(), blocks: new Map() };
  const body = all.get(name);
  if (!body || seen.has(name)) return schema;
  for (const [, docs, , optional, type] of body.matchAll(PROPERTY)) {
    const tfName = ANCHOR.exec(docs)?.[1];
    if (!tfName) continue;
    const required = optional !== '?';
    const nested = /^(\w+)(\[\])?( \| cdktf\.IResolvable)?$/.exec(type.trim());
    if (nested && all.has(nested[1])) {
      schema.blocks.set(tfName, {
        required,
        schema: blockSchema(nested[1], all, new Set([...seen, name])),
      });
    } else {
      schema.attributes.set(tfName, { required });
    }
  }
  return schema;
}

const cache = new Map<string, BlockSchema | undefined>();

/**
 * The schema of a resource or data source type, or undefined when the
 * provider has no such type.
 *
 * @public
 */
export function typeSchema(
  kind: 'resource' | 'data',
  type: string,
): BlockSchema | undefined {
  const key = `${kind}.${type}`;
  if (cache.has(key)) return cache.get(key);
  let schema: BlockSchema | undefined;
  if (/^aws_[a-z0-9_]+$/.test(type)) {
    const folder = `${kind === 'data' ? 'data-aws-' : ''}${type
      .replace(/^aws_/, '')
      .replace(/_/g, '-')}`;
    const file = join(packageLib(), folder, 'index.d.ts');
    if (existsSync(file)) {
      const text = readFileSync(file, 'utf8');
      // The class whose static tfResourceType is the type: the last class
      // declared before that line.
      const at = text.indexOf(`static readonly tfResourceType = "${type}";`);
      const classes = [
        ...text
          .slice(0, Math.max(at, 0))
          .matchAll(/export declare class (\w+)/g),
      ];
      if (at >= 0 && classes.length > 0) {
        schema = blockSchema(`${classes.at(-1)![1]}Config`, interfaces(text));
      }
    }
  }
  cache.set(key, schema);
  return schema;
}

const META = new Set([
  'count',
  'for_each',
  'depends_on',
  'provider',
  'lifecycle',
  'provisioner',
  'connection',
  'dynamic',
]);

function checkBody(
  where: string,
  body: HclBody,
  schema: BlockSchema,
): string[] {
  const problems: string[] = [];
  const dynamic = Object.entries<any[]>(body.dynamic ?? {});
  for (const [key, value] of Object.entries(body)) {
    if (META.has(key)) continue;
    const block = schema.blocks.get(key);
    if (block) {
      for (const [i, item] of (Array.isArray(value)
        ? value
        : [value]
      ).entries())
        problems.push(
          ...checkBody(`${where}.${key}[${i}]`, item, block.schema),
        );
    } else if (!schema.attributes.has(key)) {
      problems.push(`${where}: unknown argument "${key}"`);
    }
  }
  for (const [key, items] of dynamic) {
    const block = schema.blocks.get(key);
    if (!block) {
      problems.push(`${where}: unknown block "${key}" (dynamic)`);
      continue;
    }
    for (const item of items)
      for (const content of item.content ?? [])
        problems.push(...checkBody(`${where}.${key}`, content, block.schema));
  }
  const present = new Set([...Object.keys(body), ...dynamic.map(([k]) => k)]);
  for (const [name, spec] of [...schema.attributes, ...schema.blocks]) {
    if (spec.required && !present.has(name))
      problems.push(`${where}: missing required argument "${name}"`);
  }
  return problems;
}

function checkBlocks(
  path: string,
  kind: 'resource' | 'data',
  section: HclBody | undefined,
): string[] {
  return Object.entries<HclBody>(section ?? {}).flatMap(([type, byName]) => {
    const schema = typeSchema(kind, type);
    const prefix = kind === 'data' ? 'data.' : '';
    if (!schema) {
      return [
        `${path}: ${prefix}${type} is not a ${kind} type of the AWS provider`,
      ];
    }
    return Object.entries<HclBody[]>(byName).flatMap(([name, bodies]) =>
      bodies.flatMap(body =>
        checkBody(`${path}: ${prefix}${type}.${name}`, body, schema),
      ),
    );
  });
}

/**
 * Every resource and data block (including those inside `check` blocks)
 * names a type of the AWS provider, sets only arguments and nested blocks its
 * schema has, and sets every required one.
 *
 * @public
 */
export function checkProviderSchema(modules: TerraformModule[]): string[] {
  return modules.flatMap(module =>
    module.files.flatMap(({ path, body }) => [
      ...checkBlocks(path, 'resource', body.resource),
      ...checkBlocks(path, 'data', body.data),
      ...Object.values<HclBody[]>(body.check ?? {}).flatMap(checks =>
        checks.flatMap(check => checkBlocks(path, 'data', check.data)),
      ),
    ]),
  );
}

import { CIRCLECI_OPERATIONS, GITHUB_OPERATIONS, loadContract } from './index';
import { deriveContracts } from './derive';
import { pruneToOperations } from './prune';
import { stripProse } from './stripProse';

function keysOf(node: any, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach(n => keysOf(n, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string') found.add(key);
      keysOf(value, found);
    }
  }
  return found;
}

function operationsOf(doc: any): string[] {
  return Object.entries<any>(doc.paths)
    .flatMap(([template, item]) =>
      Object.keys(item)
        .filter(key => key !== 'parameters')
        .map(method => `${method.toUpperCase()} ${template}`),
    )
    .sort();
}

describe('the committed CircleCI copies', () => {
  it('hold exactly the listed operations', () => {
    expect(operationsOf(loadContract('circleci'))).toEqual(
      [...CIRCLECI_OPERATIONS].sort(),
    );
  });

  it('carry no prose or samples', () => {
    for (const name of ['circleci', 'circleciConfig'] as const) {
      const keys = keysOf(loadContract(name));
      for (const prose of ['summary', 'markdownDescription', 'example']) {
        expect(keys).not.toContain(prose);
      }
    }
    // `description` survives only as a schema property name.
    expect(JSON.stringify(loadContract('circleci'))).not.toMatch(
      /"description":\s*"/,
    );
  });

  it('are a fixed point of the derivation', () => {
    const committed = {
      circleci: loadContract('circleci'),
      circleciConfig: loadContract('circleciConfig'),
    };
    expect(deriveContracts(committed)).toEqual(committed);
  });

  it('every $ref resolves inside the document', () => {
    const doc = loadContract('circleci');
    expect(() => pruneToOperations(doc, CIRCLECI_OPERATIONS)).not.toThrow();
  });
});

describe('GitHub, from @octokit/openapi', () => {
  it('has the listed operations and what they reference', () => {
    const github = loadContract('github');
    expect(operationsOf(github)).toEqual([...GITHUB_OPERATIONS].sort());
    expect(github.paths['/repos/{owner}/{repo}'].delete).toBeUndefined();
    expect(github.components.schemas['full-repository']).toBeDefined();
    expect(
      github.paths['/repos/{owner}/{repo}/git/trees'].post.operationId,
    ).toBe('git/create-tree');
  });

  it('gives each caller its own copy', () => {
    const a = loadContract('github');
    a.paths = {};
    expect(Object.keys(loadContract('github').paths)).not.toHaveLength(0);
  });
});

describe('pruneToOperations', () => {
  const doc: any = {
    info: { title: 'T' },
    paths: {
      '/a': {
        get: { responses: { 200: { $ref: '#/components/responses/R' } } },
      },
      '/b': { get: {} },
    },
    components: {
      responses: {
        R: {
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/A~1B' },
            },
          },
        },
      },
      schemas: {
        'A/B': { properties: { c: { $ref: '#/components/schemas/C' } } },
        C: {},
        Unused: {},
      },
      securitySchemes: { token: { type: 'apiKey' } },
    },
  };

  it('keeps the reached components, transitively, and the security schemes', () => {
    const pruned = pruneToOperations(doc, ['GET /a']);
    expect(pruned.paths).toEqual({
      '/a': {
        parameters: doc.paths['/a'].parameters,
        get: doc.paths['/a'].get,
      },
    });
    expect(Object.keys(pruned.components.schemas)).toEqual(['A/B', 'C']);
    expect(pruned.components.securitySchemes).toEqual({
      token: { type: 'apiKey' },
    });
  });

  it('names an operation the document does not have', () => {
    expect(() => pruneToOperations(doc, ['POST /a'])).toThrow(
      'no operation "POST /a"',
    );
  });

  it('names a dangling reference', () => {
    const broken = structuredClone(doc);
    delete (broken.components.schemas as any).C;
    expect(() => pruneToOperations(broken, ['GET /a'])).toThrow(
      'Dangling $ref "#/components/schemas/C"',
    );
  });
});

describe('stripProse', () => {
  it('drops documentation but keeps properties named like it', () => {
    expect(
      stripProse({
        description: 'text',
        summary: 'text',
        example: { a: 1 },
        type: 'object',
        properties: {
          description: { type: 'string', description: 'the description' },
        },
      }),
    ).toEqual({
      type: 'object',
      properties: { description: { type: 'string' } },
    });
  });
});

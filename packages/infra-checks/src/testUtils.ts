import {
  findRepoRoot,
  parseTerraformFile,
} from '@rocket-club/plugin-environments-node';
import { TerraformModule } from './terraform';
import { loadRepository, Repository } from './repository';

let cached: Promise<Repository> | undefined;

/** The checkout these tests run in, loaded once per test file. */
export function repository(): Promise<Repository> {
  cached ??= loadRepository(findRepoRoot());
  return cached;
}

/**
 * A copy of `modules` where the file at `path` has `edit` applied to its
 * text (and is parsed again): the way each test breaks one fact on purpose.
 */
export async function editFile(
  modules: TerraformModule[],
  path: string,
  edit: (text: string) => string,
): Promise<TerraformModule[]> {
  let found = false;
  const edited = await Promise.all(
    modules.map(async module => ({
      ...module,
      files: await Promise.all(
        module.files.map(async file => {
          if (file.path !== path) return file;
          found = true;
          const text = edit(file.text);
          if (text === file.text)
            throw new Error(`edit of ${path} changed nothing`);
          return { path, text, body: await parseTerraformFile(path, text) };
        }),
      ),
    })),
  );
  if (!found) throw new Error(`no file ${path}`);
  return edited;
}

/** Replaces exactly one occurrence, failing loudly when the anchor moved. */
export function replaceOnce(search: string, replacement: string) {
  return (text: string) => {
    const count = text.split(search).length - 1;
    if (count !== 1)
      throw new Error(`expected one "${search}", found ${count}`);
    return text.replace(search, replacement);
  };
}

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// nest-cli.json describes the monorepo (its apps and libraries) for people and Nest tooling; the
// build and tests use tsc and jest, whose module aliases come from tsconfig.json `paths` alone.
// These checks keep the description true to the aliases and to the folders on disk.
const ROOT = join(__dirname, '../..');
const json = <T>(file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as T;

interface NestProject {
  type: 'application' | 'library';
  root: string;
  sourceRoot: string;
  entryFile: string;
}
const { projects } = json<{ projects: Record<string, NestProject> }>('nest-cli.json');
const { paths } = json<{ compilerOptions: { paths: Record<string, string[]> } }>(
  'tsconfig.json',
).compilerOptions;

const entryOf = (p: NestProject) => `${p.sourceRoot}/${p.entryFile}.ts`;
const ofType = (type: NestProject['type']) =>
  Object.entries(projects).filter(([, p]) => p.type === type);
const foldersIn = (dir: string) =>
  readdirSync(join(ROOT, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${dir}/${entry.name}`);

describe('nest-cli.json, tsconfig paths and the folders on disk', () => {
  it("names every project's entry file as it is on disk", () => {
    const missing = Object.entries(projects)
      .filter(([, p]) => !existsSync(join(ROOT, p.root)) || !existsSync(join(ROOT, entryOf(p))))
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('lists every app folder as an application and every lib folder as a library', () => {
    const roots = (type: NestProject['type']) => ofType(type).map(([, p]) => p.root);
    expect(roots('application').sort()).toEqual(foldersIn('apps').sort());
    expect(foldersIn('libs').every((folder) => roots('library').includes(folder))).toBe(true);
  });

  it('has one alias @vj/<library> for each library, pointing at its entry file', () => {
    const libraryAliases = Object.fromEntries(
      ofType('library').map(([name, p]) => [`@vj/${name}`, [`./${entryOf(p)}`]]),
    );
    const topLevelAliases = Object.fromEntries(
      Object.entries(paths).filter(([alias]) => !alias.slice('@vj/'.length).includes('/')),
    );
    expect(topLevelAliases).toEqual(libraryAliases);
  });

  it("points each entry-point alias (@vj/<library>/<entry>) into that library's folder", () => {
    const strays = Object.entries(paths)
      .filter(([alias]) => alias.slice('@vj/'.length).includes('/'))
      .filter(([alias, [target]]) => {
        const library = projects[alias.split('/')[1] as string];
        return (
          !library || !target?.startsWith(`./${library.root}/`) || !existsSync(join(ROOT, target))
        );
      })
      .map(([alias]) => alias);
    expect(strays).toEqual([]);
  });

  it('has no two npm scripts that do the same', () => {
    const { scripts } = json<{ scripts: Record<string, string> }>('package.json');
    const commands = Object.values(scripts);
    expect(commands.filter((command, i) => commands.indexOf(command) !== i)).toEqual([]);
  });
});

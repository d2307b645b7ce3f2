import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// What each package's tarball carries besides its code.
const root = new URL('../../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');
const readJson = (path: string): Record<string, unknown> =>
  JSON.parse(read(path)) as Record<string, unknown>;
const packageDirs = ['packages', 'plugins'].flatMap((group) =>
  readdirSync(new URL(group, root), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(new URL(`${group}/${d.name}/package.json`, root)))
    .map((d) => `${group}/${d.name}`),
);

// The MIT licence asks that its notice go with every copy, and a package's tarball holds
// only its own folder: the repository's LICENSE is not in it. npm and pnpm pack a
// package's own LICENSE whatever its `files` says.
describe('licences', () => {
  it('finds the workspace packages', () => {
    expect(packageDirs).toContain('packages/tunekit');
    expect(packageDirs).toContain('plugins/sampler-qmc');
    expect(packageDirs.length).toBeGreaterThanOrEqual(20);
  });

  it('the repository licence is MIT', () => {
    const licence = read('LICENSE');
    expect(licence.startsWith('MIT License\n')).toBe(true);
    expect(licence).toContain('The above copyright notice and this permission notice shall be');
  });

  it.each(packageDirs)('%s ships the repository licence and declares MIT', (dir) => {
    expect(existsSync(new URL(`${dir}/LICENSE`, root))).toBe(true);
    expect(read(`${dir}/LICENSE`)).toBe(read('LICENSE'));
    const pkg = JSON.parse(read(`${dir}/package.json`)) as { license?: string };
    expect(pkg.license).toMatch(/^MIT( AND |$)/);
  });
});

// A tarball holds `dist` only: a source map that merely names `../src/x.ts` points at a file
// the user does not have, and a debugger or a bundler that follows it finds no source.
// Every package builds from tsconfig.base.json, which must inline the sources.
describe('published source maps', () => {
  it('the base config inlines the sources of the maps it writes', () => {
    const options = readJson('tsconfig.base.json').compilerOptions as Record<string, unknown>;
    expect(options.sourceMap).toBe(true);
    expect(options.inlineSources).toBe(true);
  });

  it.each(packageDirs)('%s builds with the base config and ships no src', (dir) => {
    const config = readJson(`${dir}/tsconfig.json`);
    expect(config.extends).toBe('../../tsconfig.base.json');
    const own = (config.compilerOptions ?? {}) as Record<string, unknown>;
    expect(own.sourceMap).toBeUndefined();
    expect(own.inlineSources).toBeUndefined();
    const files = readJson(`${dir}/package.json`).files as string[];
    expect(files).toContain('dist');
    expect(files.some((f) => f === 'src' || f.startsWith('src/'))).toBe(false);
  });
});

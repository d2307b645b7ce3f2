import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The MIT licence asks that its notice go with every copy, and a package's tarball holds
// only its own folder: the repository's LICENSE is not in it. npm and pnpm pack a
// package's own LICENSE whatever its `files` says.
const root = new URL('../../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');
const packageDirs = ['packages', 'plugins'].flatMap((group) =>
  readdirSync(new URL(group, root), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(new URL(`${group}/${d.name}/package.json`, root)))
    .map((d) => `${group}/${d.name}`),
);

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

import { readdirSync } from 'node:fs';
import { defaultServerConditions, defineConfig } from 'vite';

// Tests import workspace packages from source (the "@tunekit/source" export condition),
// so no build is needed first. For Node-side tests the condition must be in ssr.resolve.
const conditions = ['@tunekit/source', ...defaultServerConditions];

// One project per package, each inheriting this file's resolve settings (a folder
// project with no config of its own would not).
const packageDirs = ['packages', 'plugins'].flatMap((group) =>
  readdirSync(group, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `${group}/${d.name}`),
);

export default defineConfig({
  ssr: { resolve: { conditions } },
  resolve: { conditions },
  test: {
    projects: packageDirs.map((dir) => ({
      extends: true,
      test: {
        name: dir.split('/')[1],
        root: dir,
        include: ['src/**/*.test.ts'],
        typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: '../../tsconfig.base.json' },
      },
    })),
  },
});

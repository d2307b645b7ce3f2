import { existsSync, readdirSync } from 'node:fs';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Tests import workspace packages from source (the "@tunekit/source" export condition),
// so no build is needed first. For Node-side tests the condition must be in ssr.resolve.
const conditions = ['@tunekit/source', ...defaultServerConditions];

// One project per package, each inheriting this file's resolve settings (a folder
// project with no config of its own would not).
const packageDirs = ['packages', 'plugins'].flatMap((group) =>
  readdirSync(group, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(`${group}/${d.name}/package.json`))
    .map((d) => `${group}/${d.name}`),
);

// CI asks for a JSON report (to print "N passed, N failed"); locally only the console.
const reportFile = process.env.TUNEKIT_TEST_REPORT;

export default defineConfig({
  ssr: { resolve: { conditions } },
  resolve: { conditions },
  test: {
    reporters: reportFile ? ['default', 'json'] : ['default'],
    ...(reportFile ? { outputFile: { json: reportFile } } : {}),
    projects: packageDirs.map((dir) => ({
      extends: true,
      test: {
        name: dir.split('/')[1],
        root: dir,
        include: ['src/**/*.test.ts'],
        // Type-level tests (*.test-d.ts) run where a package has a tsconfig.test.json that
        // scopes the type-check to that package.
        typecheck: existsSync(`${dir}/tsconfig.test.json`)
          ? { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: 'tsconfig.test.json' }
          : { enabled: false },
      },
    })),
  },
});

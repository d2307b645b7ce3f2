import { defaultServerConditions, defineConfig } from 'vite';

// Tests import workspace packages from source (the "@tunekit/source" export condition),
// so no build is needed first. For Node-side tests the condition must be in ssr.resolve.
const conditions = ['@tunekit/source', ...defaultServerConditions];

export default defineConfig({
  ssr: { resolve: { conditions } },
  resolve: { conditions },
  test: {
    projects: ['packages/*', 'plugins/*'],
  },
});

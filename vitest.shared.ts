import { join } from 'node:path';
import { defineProject } from 'vitest/config';

/**
 * The one test configuration every workspace package uses: a package's own
 * `vitest.config.ts` is `export default ferryProject(import.meta.dirname)`.
 * Workspace packages resolve to their TypeScript sources through the `source`
 * export condition, so tests never run against a stale `dist/`.
 */
export function ferryProject(root: string, overrides: { testTimeout?: number; include?: string[] } = {}) {
  const name = root.split('/').slice(-2).join('/');
  return defineProject({
    resolve: { conditions: ['source'] },
    ssr: { resolve: { conditions: ['source'] } },
    test: {
      name,
      root,
      include: overrides.include ?? [
        'src/**/*.test.ts',
        'src/**/*.test.tsx',
        'test/**/*.test.ts',
        'test/**/*.test.tsx',
      ],
      testTimeout: overrides.testTimeout ?? 20_000,
      environment: 'node',
      // Besides the console, each package writes a JSON report that `scripts/test-summary.mjs` totals
      // into the one closing line of `npm run test:all`.
      reporters: ['default', 'json'],
      outputFile: { json: join(import.meta.dirname, '.test-results', `${name.replace('/', '-')}.json`) },
    },
  });
}

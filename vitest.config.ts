import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/** Root run (`pnpm vitest`): every workspace package is a project with its own thin config. */
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'apps/*/vitest.config.ts',
      ...(existsSync('test/vitest.config.ts') ? ['test/vitest.config.ts'] : []),
    ],
  },
});

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of Meta's published WhatsApp examples (`shared/fixtures/whatsapp`), which lives beside the
 * repository checkout (`<repo>/../shared`). `FERRY_SHARED_DIR` overrides where `shared/` is.
 */
export function whatsappFixturesDir(subfolder?: 'meta-examples' | 'meta-flows'): string {
  const shared = process.env.FERRY_SHARED_DIR ?? join(repositoryRoot(), '..', 'shared');
  const folder = join(shared, 'fixtures', 'whatsapp', ...(subfolder === undefined ? [] : [subfolder]));
  if (!existsSync(folder)) {
    throw new Error(
      `WhatsApp fixtures not found at ${folder}: check out shared/ beside the repository or set FERRY_SHARED_DIR.`,
    );
  }
  return folder;
}

/** The workspace root: the nearest folder above this file holding `pnpm-workspace.yaml`. */
export function repositoryRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(folder, 'pnpm-workspace.yaml'))) return folder;
    const parent = resolve(folder, '..');
    if (parent === folder) throw new Error('Could not find the workspace root (pnpm-workspace.yaml).');
    folder = parent;
  }
}

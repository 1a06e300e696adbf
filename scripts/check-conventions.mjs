#!/usr/bin/env node
// Repository conventions that the type checker cannot see (STYLE.md "Layout shows the architecture"):
// - every channel package exports `<Name>Channel`, `create<Name>Channel` and `<Name>ChannelConfig`;
// - a channel package never imports @ferry/store, @ferry/engine or the CLI (it must work alone);
// - @ferry/sandbox depends on nothing of ours; @ferry/core depends on nothing at all at run time;
// - `src/index.ts` files only assemble and re-export (no logic), and no source file exceeds 600 lines.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const channels = { telegram: 'Telegram', slack: 'Slack', discord: 'Discord', whatsapp: 'WhatsApp' };
const problems = [];

function sourceFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

for (const pkg of readdirSync(join(root, 'packages'))) {
  const dir = join(root, 'packages', pkg);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const deps = Object.keys({ ...manifest.dependencies });
  const files = sourceFiles(join(dir, 'src'));
  const index = readFileSync(join(dir, 'src', 'index.ts'), 'utf8');

  if (pkg in channels && manifest.name !== '@ferry/whatsapp') {
    const name = channels[pkg];
    for (const symbol of [`${name}Channel`, `create${name}Channel`, `${name}ChannelConfig`]) {
      if (!new RegExp(`\\b${symbol}\\b`).test(index))
        problems.push(`${manifest.name}: src/index.ts must export ${symbol}`);
    }
  }
  if (pkg in channels) {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const bad = text.match(/from '(@ferry\/(?:store|engine|cli)|ferry)'/);
      if (bad) problems.push(`${relative(root, file)}: a channel package must not import ${bad[1]}`);
    }
    if (deps.some((dep) => ['@ferry/store', '@ferry/engine'].includes(dep)))
      problems.push(`${manifest.name}: must not depend on store or engine`);
  }
  if (pkg === 'sandbox' && deps.some((dep) => dep.startsWith('@ferry/')))
    problems.push('@ferry/sandbox must depend on nothing of ours');
  if (pkg === 'core' && deps.length > 0) problems.push('@ferry/core must have no run-time dependencies');

  const logic = index
    .split('\n')
    .filter(
      (line) =>
        /^\s*(?:export\s+)?(?:async\s+)?(?:function|class|const|let)\b/.test(line) &&
        !/^\s*export\s+(?:\*|\{|type)/.test(line),
    );
  if (logic.length > 0)
    problems.push(`${manifest.name}: src/index.ts should only re-export (found: ${logic[0].trim()})`);
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n').length;
    if (lines > 600)
      problems.push(`${relative(root, file)}: ${lines} lines (keep files under ~400, never over 600)`);
  }
}

if (problems.length > 0) {
  console.error(
    `Repository conventions: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  );
  process.exit(1);
}
console.log('Repository conventions: ok');

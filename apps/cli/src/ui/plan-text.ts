/**
 * The plan text with one wave moved to another day, its time of day and every comment kept: the
 * `at:` of the `- id: <wave>` item under `waves:` gets the new `YYYY-MM-DD`.
 */
export function moveWaveDate(planText: string, waveId: string, date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`"${date}" is not a YYYY-MM-DD date.`);
  const lines = planText.split('\n');
  const wavesLine = lines.findIndex((line) => /^waves:\s*$/.test(line));
  if (wavesLine < 0) throw new Error('The plan has no waves list to edit.');
  const idPattern = new RegExp(
    `^(\\s*)-\\s+id:\\s*["']?${waveId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*(#.*)?$`,
  );
  for (let index = wavesLine + 1; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (/^\S/.test(line)) break;
    const match = idPattern.exec(line);
    if (match === null) continue;
    const itemIndent = (match[1] ?? '').length;
    for (let inner = index + 1; inner < lines.length; inner++) {
      const candidate = lines[inner] ?? '';
      const indent = candidate.length - candidate.trimStart().length;
      if (candidate.trim() !== '' && (indent <= itemIndent || /^\S/.test(candidate))) break;
      const at = /^(\s*at:\s*["']?)(\d{4}-\d{2}-\d{2})(.*)$/.exec(candidate);
      if (at !== null) {
        lines[inner] = `${at[1]}${date}${at[3]}`;
        return lines.join('\n');
      }
    }
    throw new Error(`Wave "${waveId}" has no dated "at:" line to move.`);
  }
  throw new Error(`The plan has no wave "${waveId}".`);
}

/** A file the plan should list under `sources`, with the kind the importer found. */
export interface PlanSource {
  readonly path: string;
  readonly kind: string;
}

const quote = (text: string) => JSON.stringify(text);

/**
 * The plan text with imported files added to `sources` (so `ferry import` and a rehearsal read them
 * again), comments and other entries kept; entries whose file is missing (`exists` says) are the
 * skeleton's placeholders and are dropped once a real file of the same kind is added.
 */
export function addPlanSources(
  planText: string,
  sources: readonly PlanSource[],
  exists: (path: string) => boolean,
): string {
  const lines = planText.split('\n');
  let start = lines.findIndex((line) => /^sources:/.test(line));
  if (start < 0) {
    lines.splice(lines.findIndex((line) => /^name:/.test(line)) + 1, 0, 'sources: []');
    start = lines.findIndex((line) => /^sources:/.test(line));
  }
  if (/^sources:\s*\[\s*\]/.test(lines[start] ?? '')) lines[start] = 'sources:';
  let end = start + 1;
  while (end < lines.length && (/^\s/.test(lines[end] ?? '') || lines[end] === '')) end++;
  while (end > start + 1 && (lines[end - 1] ?? '').trim() === '') end--;
  // Items of the block: a `- path:` line and the indented lines under it.
  const items: { readonly path: string; readonly kind?: string; readonly lines: string[] }[] = [];
  let firstItem = end;
  for (let index = start + 1; index < end; index++) {
    const line = lines[index] ?? '';
    const item = /^\s*-\s+path:\s*["']?([^"'#]+?)["']?\s*(#.*)?$/.exec(line);
    if (item !== null) {
      firstItem = Math.min(firstItem, index);
      items.push({ path: item[1] ?? '', lines: [line] });
    } else if (items.length > 0) {
      const last = items.at(-1);
      const kind = /^\s+kind:\s*([\w-]+)/.exec(line);
      if (last !== undefined) {
        last.lines.push(line);
        if (kind !== null) items[items.length - 1] = { ...last, kind: kind[1] ?? '' };
      }
    }
  }
  const known = new Set(items.map((item) => item.path));
  const added = sources.filter((source) => !known.has(source.path));
  const addedKinds = new Set(added.map((source) => source.kind));
  const kept = items.filter(
    (item) => exists(item.path) || item.kind === undefined || !addedKinds.has(item.kind),
  );
  const prefix = lines.slice(start + 1, firstItem);
  const block = [
    ...prefix,
    ...kept.flatMap((item) => item.lines),
    ...added.flatMap((source) => [`  - path: ${quote(source.path)}`, `    kind: ${source.kind}`]),
  ];
  const result = [...lines.slice(0, start + 1), ...block, ...lines.slice(end)];
  if (block.length === 0) result[start] = 'sources: []';
  return result.join('\n');
}

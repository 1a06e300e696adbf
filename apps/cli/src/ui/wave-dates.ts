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

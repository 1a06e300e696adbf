const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** The placeholder names of a template text in order of first appearance: `Hi {{1}}, {{2}}` gives `['1', '2']`. */
export function placeholdersOf(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1];
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}

/** True when a placeholder is positional (`{{1}}`), false when it is named (`{{first_name}}`). */
export function isPositional(name: string): boolean {
  return /^\d+$/.test(name);
}

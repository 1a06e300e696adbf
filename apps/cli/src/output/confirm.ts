import { createInterface } from 'node:readline/promises';

/**
 * Asks a yes/no question on the terminal; true without asking when `--yes` was given, and false
 * (never hanging) when there is no terminal to ask on.
 */
export async function confirm(
  question: string,
  options: { readonly yes: boolean; readonly json: boolean },
): Promise<boolean> {
  if (options.yes) return true;
  if (options.json || process.stdin.isTTY !== true || process.stdout.isTTY !== true) return false;
  const reader = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await reader.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    reader.close();
  }
}

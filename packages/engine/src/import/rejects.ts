import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ReadIssue } from '@ferry/whatsapp';

/** `<workspace>/.ferry/rejects/<file>.rejects.jsonl`, or the same name in `rejectsDir`. */
export function rejectsPathFor(file: string, options: { workspace?: string; rejectsDir?: string }): string {
  const directory = options.rejectsDir ?? join(options.workspace ?? process.cwd(), '.ferry', 'rejects');
  return join(directory, `${basename(file)}.rejects.jsonl`);
}

/**
 * Writes rejected rows, one JSON object per line (`{file, line, field, reason}`), as they are
 * found, so memory stays flat however many rows a file rejects. The file is only created when
 * there is something to write; `discard` removes it when the import as a whole failed.
 */
export class RejectsWriter {
  #stream: WriteStream | undefined;
  #count = 0;

  constructor(readonly path: string) {}

  /** How many rejected issues were written. */
  get count(): number {
    return this.#count;
  }

  /** Appends the `error` issues of a batch. */
  async write(issues: readonly ReadIssue[]): Promise<void> {
    let text = '';
    for (const issue of issues) {
      if (issue.severity !== 'error') continue;
      text += `${JSON.stringify(issue)}\n`;
      this.#count += 1;
    }
    if (text === '') return;
    if (this.#stream === undefined) {
      await mkdir(join(this.path, '..'), { recursive: true });
      this.#stream = createWriteStream(this.path, { flags: 'w' });
    }
    const stream = this.#stream;
    if (!stream.write(text)) await new Promise<void>((resolve) => stream.once('drain', resolve));
  }

  /** Flushes and closes; returns the path when something was written. Removes a stale file from an earlier run otherwise. */
  async finish(): Promise<string | undefined> {
    if (this.#stream === undefined) {
      await rm(this.path, { force: true });
      return undefined;
    }
    await close(this.#stream);
    return this.path;
  }

  /** Closes and deletes the file (the import was rolled back, so its rejects list would mislead). */
  async discard(): Promise<void> {
    if (this.#stream !== undefined) await close(this.#stream);
    await rm(this.path, { force: true });
  }
}

function close(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
  });
}

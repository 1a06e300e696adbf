import { createHash } from 'node:crypto';
import { measure } from './measure.js';

/** Every short id starts with this, so an id that already looks short is never mistaken for one. */
const PREFIX = '~';
/** 16 base64url characters = 96 bits: collisions are not a practical concern. */
const HASH_CHARACTERS = 16;

/** The serialised form of a {@link ShortIdTable}. */
export interface ShortIdTableJson {
  readonly version: 1;
  /** `[shortId, id]` pairs in insertion order. */
  readonly entries: readonly (readonly [string, string])[];
}

/**
 * A reversible map from ids too long for a platform (Telegram `callback_data` 64 bytes, Discord
 * `custom_id` 100) to short ASCII ids, and back for inbound events. Short ids are derived from a
 * SHA-256 of the id, so the same id gets the same short id in every table and every run.
 */
export class ShortIdTable {
  readonly #byShort = new Map<string, string>();

  /** `id` itself when it fits `maxBytes` and cannot be mistaken for a short id; otherwise its short id. */
  shorten(id: string, maxBytes: number): string {
    if (id !== '' && !id.startsWith(PREFIX) && measure(id, 'bytes') <= maxBytes) return id;
    return this.#register(id, '', maxBytes);
  }

  /**
   * A second, distinct short id for `id` (its `occurrence`-th duplicate in one message), for
   * platforms that need every id in a message to differ; it restores to `id` too.
   */
  alias(id: string, occurrence: number, maxBytes: number): string {
    return this.#register(id, `alias${occurrence}\u0000`, maxBytes);
  }

  /** The original id of an id received back: the table's entry, the id itself when never shortened, or `undefined` for an unknown short id. */
  restore(shortId: string): string | undefined {
    const id = this.#byShort.get(shortId);
    if (id !== undefined) return id;
    return shortId.startsWith(PREFIX) ? undefined : shortId;
  }

  /** How many short ids the table holds. */
  get size(): number {
    return this.#byShort.size;
  }

  /** The table as JSON, to store beside the messages sent. */
  toJSON(): ShortIdTableJson {
    return { version: 1, entries: [...this.#byShort] };
  }

  /** A table read back from {@link ShortIdTable.toJSON}'s output. */
  static fromJSON(json: ShortIdTableJson): ShortIdTable {
    const table = new ShortIdTable();
    for (const [shortId, id] of json.entries) table.#byShort.set(shortId, id);
    return table;
  }

  #register(id: string, salt: string, maxBytes: number): string {
    const length = Math.min(HASH_CHARACTERS, Math.floor(maxBytes) - PREFIX.length);
    if (length < 1) throw new RangeError(`An id limit of ${maxBytes} bytes leaves no room for a short id.`);
    for (let attempt = 0; ; attempt++) {
      const digest = createHash('sha256')
        .update(`${attempt}\u0000${salt}${id}`)
        .digest('base64url')
        .slice(0, length);
      const shortId = PREFIX + digest;
      const owner = this.#byShort.get(shortId);
      if (owner === undefined) {
        this.#byShort.set(shortId, id);
        return shortId;
      }
      // The same id always lands on its first free slot, so this repeats the earlier answer.
      if (owner === id) return shortId;
    }
  }
}

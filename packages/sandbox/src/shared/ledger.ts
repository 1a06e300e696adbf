/** One message an emulator accepted. */
export interface LedgerEntry {
  /** Order of acceptance, from 1. */
  readonly seq: number;
  /** The API method or route that accepted it (`sendMessage`, `chat.postMessage`, `POST /channels/:id/messages`). */
  readonly method: string;
  /** Chat id, channel id, user id or phone number the message went to. */
  readonly recipient: string;
  /** The platform message id the emulator answered with. */
  readonly messageId: string;
  /** The request body as the client sent it (parsed). */
  readonly payload: unknown;
  /** Discord nonce, when one was sent. */
  readonly nonce?: string;
  /** WhatsApp `biz_opaque_callback_data`, when one was sent. */
  readonly callbackData?: string;
  /** Milliseconds since the epoch, from the emulator's clock. */
  readonly at: number;
}

/** Every accepted message, in order: what tests and the rehearsal read to prove what was delivered. */
export class Ledger {
  private readonly list: LedgerEntry[] = [];

  record(entry: Omit<LedgerEntry, 'seq'>): LedgerEntry {
    const full = { ...entry, seq: this.list.length + 1 };
    this.list.push(full);
    return full;
  }

  get size(): number {
    return this.list.length;
  }

  entries(filter?: (entry: LedgerEntry) => boolean): LedgerEntry[] {
    return filter ? this.list.filter(filter) : [...this.list];
  }

  forRecipient(recipient: string): LedgerEntry[] {
    return this.list.filter((entry) => entry.recipient === recipient);
  }

  /** How many messages each recipient got. */
  countByRecipient(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const entry of this.list) counts.set(entry.recipient, (counts.get(entry.recipient) ?? 0) + 1);
    return counts;
  }

  clear(): void {
    this.list.length = 0;
  }
}

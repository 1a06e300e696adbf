import type { FormSession, FormSessionStore } from '../types.js';

/** The default {@link FormSessionStore}: a map in memory, lost on restart. */
export class InMemoryFormSessionStore implements FormSessionStore {
  private readonly sessions = new Map<string, FormSession>();

  async get(chatId: string): Promise<FormSession | undefined> {
    return this.sessions.get(chatId);
  }

  async set(chatId: string, session: FormSession): Promise<void> {
    this.sessions.set(chatId, session);
  }

  async delete(chatId: string): Promise<void> {
    this.sessions.delete(chatId);
  }
}

import type { StoredJson } from './json.js';

/**
 * A WhatsApp message template as imported: the neutral form Ferry works with and the original JSON
 * (kept verbatim so nothing is lost and re-conversion is always possible).
 * @see PLATFORMS.md §1.3 (template fields: name, language, status, category, components)
 */
export interface StoredTemplate {
  readonly name: string;
  /** Template language code as WhatsApp spells it (`en_US`). */
  readonly language: string;
  /** `MARKETING | UTILITY | AUTHENTICATION`, when the source said. */
  readonly category?: string;
  /** `APPROVED | PENDING | REJECTED | DISABLED | PAUSED`, when the source said. */
  readonly status?: string;
  readonly neutral: StoredJson;
  readonly original: StoredJson;
  /** The file or API the template came from. */
  readonly source: string;
  readonly importedAt: number;
}

/**
 * A WhatsApp Flow as imported: neutral form and the original Flow JSON.
 * @see PLATFORMS.md §1.4 (Flow JSON)
 */
export interface StoredFlow {
  /** The operator's name for the flow (unique). */
  readonly name: string;
  /** WhatsApp's flow id, when known. */
  readonly flowId?: string;
  readonly neutral: StoredJson;
  readonly original: StoredJson;
  readonly source: string;
  readonly importedAt: number;
}

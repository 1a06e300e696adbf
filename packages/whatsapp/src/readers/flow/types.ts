import type { Form, StoredJson } from '@ferry/core';

/**
 * A WhatsApp Flow read into the neutral form model.
 * @see PLATFORMS.md §1.4 (Flow JSON)
 */
export interface ImportedFlow {
  /** The operator's name for the flow: the `name` option, else the file name without its extension. */
  readonly name: string;
  /** The Flow JSON `version` as written (`3.1`, `7.0`). */
  readonly version: string;
  readonly form: Form;
  /** True when the flow needs the operator's data endpoint (`data_exchange`, `data_api_version`). */
  readonly needsEndpoint: boolean;
  /** The Flow JSON exactly as read. */
  readonly original: StoredJson;
}

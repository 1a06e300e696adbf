import { initialSchema } from './001-initial.js';
import { leanImportIndexes } from './002-lean-import-indexes.js';
import { contactEmail } from './003-contact-email.js';
import { tagsInContacts } from './004-tags-in-contacts.js';
import { partialIdentifierIndexes } from './005-partial-identifier-indexes.js';
import { flowTokens } from './006-flow-tokens.js';
import type { Migration } from './types.js';

export type { Migration } from './types.js';

/** Every schema step in order; append new ones, never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [
  initialSchema,
  leanImportIndexes,
  contactEmail,
  tagsInContacts,
  partialIdentifierIndexes,
  flowTokens,
];

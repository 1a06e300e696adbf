import type { Migration } from './types.js';

/**
 * Adds the contact's e-mail address (Slack `users.lookupByEmail` matching). The index is partial,
 * so imports without e-mail write no index entry; it is not unique because people share addresses.
 * @see PLATFORMS.md §3.1 (`users.lookupByEmail`)
 */
export const contactEmail: Migration = {
  version: 3,
  name: 'contact-email',
  up(db) {
    db.exec(`
      ALTER TABLE contacts ADD COLUMN email TEXT;
      CREATE INDEX contacts_by_email ON contacts (email) WHERE email IS NOT NULL;
    `);
  },
};

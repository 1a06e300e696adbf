import type { Migration } from './types.js';

/**
 * Drops the look-up indexes no query needs, each one B-tree write per imported row: audiences
 * filter language, country and tags while walking contacts in id order (one pass per campaign,
 * tags through `contact_tags`' primary key), and a contact's consent events are found through the
 * natural-key index, which leads with `contact_id`.
 */
export const leanImportIndexes: Migration = {
  version: 2,
  name: 'lean-import-indexes',
  up(db) {
    db.exec(`
      DROP INDEX contacts_language;
      DROP INDEX contacts_country;
      DROP INDEX contact_tags_by_tag;
      DROP INDEX consent_events_by_contact;
    `);
  },
};

import type { Migration } from './types.js';

/**
 * Moves each contact's tags into its row (a sorted JSON array) and drops `contact_tags`: an import
 * wrote two B-tree entries per tag per row, while audiences only ever read a contact's tags whole
 * (`json_each(c.tags)`) as they walk contacts in id order.
 */
export const tagsInContacts: Migration = {
  version: 4,
  name: 'tags-in-contacts',
  up(db) {
    db.exec(`
      ALTER TABLE contacts ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
      UPDATE contacts SET tags = (
        SELECT json_group_array(tag) FROM (SELECT tag FROM contact_tags t WHERE t.contact_id = contacts.id ORDER BY tag)
      ) WHERE id IN (SELECT contact_id FROM contact_tags);
      DROP TABLE contact_tags;
    `);
  },
};

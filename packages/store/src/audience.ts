import type { AudienceQuery } from '@ferry/core';

/**
 * The kind of a contact's latest decisive consent event, in SQL: `consentStatusOf`'s rule (latest
 * `at`, an opt-out before an opt-in at the same instant, then the later id; `link` never decides).
 */
export const LATEST_DECISIVE_KIND = `(SELECT e.kind FROM consent_events e
  WHERE e.contact_id = c.id AND e.kind <> 'link'
  ORDER BY e.at DESC, (e.kind = 'opt-out') DESC, e.id DESC LIMIT 1)`;

/** A WHERE clause over `contacts c` and its named parameters. */
export interface AudienceFilter {
  readonly where: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

/**
 * Translates an audience query into SQL. Lists travel as one JSON parameter (`json_each`), so the
 * statement's text depends only on which filters are present and stays cacheable. An empty list is
 * the same as no filter.
 */
export function audienceFilter(query: AudienceQuery): AudienceFilter {
  const clauses: string[] = ['1'];
  const parameters: Record<string, unknown> = {};
  const list = (name: string, values: readonly unknown[] | undefined): boolean => {
    if (values === undefined || values.length === 0) return false;
    parameters[name] = JSON.stringify([...new Set(values)]);
    return true;
  };

  const consent = query.consent ?? 'opted-in';
  if (consent === 'opted-in') clauses.push(`${LATEST_DECISIVE_KIND} IN ('opt-in', 're-consent')`);
  if (consent === 'not-opted-out') clauses.push(`ifnull(${LATEST_DECISIVE_KIND}, '') <> 'opt-out'`);

  if (list('notLinkedTo', query.notLinkedTo)) {
    clauses.push(`NOT EXISTS (SELECT 1 FROM identities i WHERE i.contact_id = c.id
      AND i.channel IN (SELECT value FROM json_each(@notLinkedTo)))`);
  }
  if (list('linkedTo', query.linkedTo)) {
    clauses.push(`(SELECT count(*) FROM identities i WHERE i.contact_id = c.id
      AND i.channel IN (SELECT value FROM json_each(@linkedTo))) = json_array_length(@linkedTo)`);
  }
  if (list('languages', query.languages)) {
    clauses.push('c.language IN (SELECT value FROM json_each(@languages))');
  }
  if (list('countries', query.countries)) {
    clauses.push('c.country IN (SELECT value FROM json_each(@countries))');
  }
  if (list('tagsAny', query.tagsAny)) {
    clauses.push(`EXISTS (SELECT 1 FROM json_each(c.tags) t
      WHERE t.value IN (SELECT value FROM json_each(@tagsAny)))`);
  }
  if (list('tagsAll', query.tagsAll)) {
    // A contact's tags hold no duplicates, and the list is de-duplicated above.
    clauses.push(`(SELECT count(*) FROM json_each(c.tags) t
      WHERE t.value IN (SELECT value FROM json_each(@tagsAll))) = json_array_length(@tagsAll)`);
  }
  if (list('tagsNone', query.tagsNone)) {
    clauses.push(`NOT EXISTS (SELECT 1 FROM json_each(c.tags) t
      WHERE t.value IN (SELECT value FROM json_each(@tagsNone)))`);
  }
  if (list('excludeContactIds', query.excludeContactIds)) {
    clauses.push('c.id NOT IN (SELECT value FROM json_each(@excludeContactIds))');
  }
  return { where: clauses.join('\n  AND '), parameters };
}

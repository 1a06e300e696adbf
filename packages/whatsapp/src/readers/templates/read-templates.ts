import { IssueCollector } from '../issues.js';
import { parseJsonDocuments } from '../json-documents.js';
import { createFieldLocator } from '../json-locations.js';
import { wrongKindReason } from '../kinds.js';
import type { ReaderOptions, ReadResult } from '../types.js';
import { isObject } from '../values.js';
import { readTemplateObject } from './read-template.js';
import type { ImportedTemplate } from './types.js';

/**
 * Reads WhatsApp message templates: the `GET /{waba-id}/message_templates` response (`{data, paging}`),
 * a single template object, an array of them, or several responses one after another (JSON lines).
 * Limits WhatsApp enforces at creation are checked and reported as warnings, never as rejections.
 * @see PLATFORMS.md §1.3 (template object, named parameters, limits)
 */
export function readTemplates(text: string, options: ReaderOptions): ReadResult<ImportedTemplate> {
  const { file } = options;
  const parsed = parseJsonDocuments(text, file);
  const issues = new IssueCollector(file);
  issues.addAll(parsed.issues);
  const items: ImportedTemplate[] = [];
  const names = new Set<string>();

  for (const document of parsed.documents) {
    const firstIssue = issues.count;
    const where = { line: document.line, column: document.column };
    const wrongKind = wrongKindReason(document.value, 'templates');
    if (wrongKind !== undefined) {
      issues.error(wrongKind, where);
      continue;
    }
    const value = document.value;
    let candidates: { value: unknown; path: string }[];
    if (isObject(value) && Array.isArray(value['data'])) {
      candidates = value['data'].map((item, index) => ({ value: item, path: `data[${index}]` }));
    } else if (Array.isArray(value)) {
      candidates = value.map((item, index) => ({ value: item, path: `[${index}]` }));
    } else {
      candidates = [{ value, path: '' }];
    }
    if (candidates.length === 0) {
      issues.warning('the export holds no templates', where);
      continue;
    }
    for (const candidate of candidates) {
      const template = readTemplateObject(candidate.value, {
        file,
        issues,
        line: document.line,
        path: candidate.path,
      });
      if (template === undefined) continue;
      const key = `${template.name}\u0000${template.language}`;
      if (names.has(key)) {
        issues.warning(
          `template "${template.name}" (${template.language}) appears more than once; the last one is kept`,
          { line: document.line, ...(candidate.path === '' ? {} : { field: candidate.path }) },
        );
        const previous = items.findIndex(
          (item) => item.name === template.name && item.language === template.language,
        );
        if (previous !== -1) items.splice(previous, 1);
      }
      names.add(key);
      items.push(template);
    }
    issues.locateSince(firstIssue, createFieldLocator(document.text, document));
  }
  return { items, issues: issues.issues };
}

import type { StoredTemplate } from '@ferry/core';
import type { LinkParameter } from './types.js';

/** What the plan checks about an imported template: the fields a catalog listing returns. */
export type TemplateSummary = Pick<StoredTemplate, 'name' | 'language' | 'status' | 'original'>;

function recordOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function componentsOf(template: TemplateSummary): Record<string, unknown>[] {
  const components = recordOf(template.original)?.['components'];
  if (!Array.isArray(components)) return [];
  return components.map(recordOf).filter((component) => component !== undefined);
}

/**
 * Why the template cannot carry a personal link at `parameter`, or undefined when it can: a URL button
 * with a `{{…}}` suffix at that index, or a body placeholder of that name or number.
 * @see PLATFORMS.md §1.3 (URL buttons with a dynamic `{{1}}` suffix; named and positional parameters)
 */
export function linkParameterProblem(
  template: TemplateSummary,
  parameter: LinkParameter,
): string | undefined {
  const components = componentsOf(template);
  if (components.length === 0) return undefined; // nothing known about the content: nothing to object to
  const type = (component: Record<string, unknown>) => String(component['type'] ?? '').toUpperCase();
  if (parameter.component === 'button') {
    const buttons = components.find((component) => type(component) === 'BUTTONS')?.['buttons'];
    const button = Array.isArray(buttons) ? recordOf(buttons[parameter.index]) : undefined;
    const url = button?.['url'];
    if (button === undefined || String(button['type'] ?? '').toUpperCase() !== 'URL') {
      return `has no URL button at index ${parameter.index} to carry the personal link`;
    }
    if (typeof url !== 'string' || !url.includes('{{')) {
      return `its URL button ${parameter.index} has a fixed URL (no {{…}} suffix), so the link cannot be personal`;
    }
    return undefined;
  }
  const body = components.find((component) => type(component) === 'BODY')?.['text'];
  if (typeof body !== 'string' || !body.includes(`{{${parameter.parameter}}}`)) {
    return `its body has no {{${parameter.parameter}}} placeholder to carry the personal link`;
  }
  return undefined;
}

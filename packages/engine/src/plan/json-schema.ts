import { z } from 'zod';
import { planSchema } from './schema.js';

/**
 * The JSON Schema of the plan file as written (defaults optional), generated from the zod schema so the
 * two never disagree; editors use it for completion and hover text.
 * @see https://zod.dev/json-schema
 */
export function planJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(planSchema, { io: 'input', target: 'draft-2020-12' });
  const { $schema, ...rest } = generated;
  return { $schema, title: 'Ferry migration plan', ...rest };
}

/** The JSON Schema file's exact text (two-space indent, final newline). */
export function planJsonSchemaText(): string {
  return `${JSON.stringify(planJsonSchema(), null, 2)}\n`;
}

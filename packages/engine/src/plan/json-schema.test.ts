import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { planJsonSchema, planJsonSchemaText } from './json-schema.js';

const SCHEMA_FILE = new URL('../../schema/ferry.plan.schema.json', import.meta.url);

describe('the plan JSON Schema', () => {
  it('committed file equals the one generated from the zod schema (run scripts/write-plan-schema.ts)', async () => {
    const committed = await readFile(SCHEMA_FILE, 'utf8');
    expect(committed).toBe(planJsonSchemaText());
  });

  it('describes every top-level field and every target for editor hints', () => {
    const schema = planJsonSchema() as {
      properties: Record<
        string,
        { description?: string; properties?: Record<string, { description?: string }> }
      >;
      required: string[];
      additionalProperties: boolean;
    };
    for (const [name, property] of Object.entries(schema.properties)) {
      expect(property.description, name).toBeTruthy();
    }
    for (const [name, target] of Object.entries(schema.properties['targets']?.properties ?? {})) {
      expect(target.description, name).toMatch(/ferry credentials set/);
    }
    expect(schema.required).toEqual(['version', 'name', 'targets', 'cutoff']);
    expect(schema.additionalProperties).toBe(false);
  });
});

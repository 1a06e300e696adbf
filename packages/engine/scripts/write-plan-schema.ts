/**
 * Writes packages/engine/schema/ferry.plan.schema.json from the zod plan schema.
 * Run: `npx tsx packages/engine/scripts/write-plan-schema.ts` (a test fails while the file is stale).
 */
import { writeFile } from 'node:fs/promises';
import { planJsonSchemaText } from '../src/plan/json-schema.js';

const target = new URL('../schema/ferry.plan.schema.json', import.meta.url);
await writeFile(target, planJsonSchemaText());
console.log(`wrote ${target.pathname}`);

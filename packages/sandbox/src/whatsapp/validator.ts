import { type GraphFailure, invalidParameter, invalidValue } from './graph-errors.js';

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

/** Whether `value` is a plain JSON object. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Length in characters (code points), which is how Meta's limits read. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

interface StringRule {
  readonly required?: boolean;
  readonly max?: number;
  /** Minimum length (default 1 when required: Meta refuses empty required strings). */
  readonly min?: number;
  /** Allowed values; anything else is a 131009. */
  readonly oneOf?: readonly string[];
}

/**
 * Collects the first validation failure while walking a request body; later checks still run
 * but cannot replace it, so validators read top to bottom without early returns.
 */
export class Validator {
  failure: GraphFailure | null = null;

  fail(failure: GraphFailure): void {
    this.failure ??= failure;
  }

  /** A required or optional string field, with length and allowed values. */
  string(parent: JsonObject, key: string, path: string, rule: StringRule = {}): string | undefined {
    const value = parent[key];
    if (value === undefined || value === null) {
      if (rule.required) this.fail(invalidParameter(`The parameter ${path} is required.`));
      return undefined;
    }
    if (typeof value !== 'string') {
      this.fail(invalidParameter(`Param ${path} must be a string.`));
      return undefined;
    }
    const length = characterCount(value);
    const min = rule.min ?? (rule.required ? 1 : 0);
    if (length < min) this.fail(invalidParameter(`Param ${path} must be at least ${min} characters long.`));
    if (rule.max !== undefined && length > rule.max)
      this.fail(invalidParameter(`Param ${path} must be at most ${rule.max} characters long.`));
    if (rule.oneOf && !rule.oneOf.includes(value))
      this.fail(invalidValue(`Param ${path} must be one of {${rule.oneOf.join(', ')}}.`));
    return value;
  }

  /** A string or number field that must hold a finite number within a range (coordinates). */
  number(parent: JsonObject, key: string, path: string, min: number, max: number): number | undefined {
    const value = parent[key];
    if (value === undefined || value === null) {
      this.fail(invalidParameter(`The parameter ${path} is required.`));
      return undefined;
    }
    const parsed = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
    if (!Number.isFinite(parsed) || (typeof value === 'string' && value.trim() === '')) {
      this.fail(invalidParameter(`Param ${path} must be a number.`));
      return undefined;
    }
    if (parsed < min || parsed > max)
      this.fail(invalidValue(`Param ${path} must be between ${min} and ${max}.`));
    return parsed;
  }

  /** An optional boolean field. */
  boolean(parent: JsonObject, key: string, path: string): boolean | undefined {
    const value = parent[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') {
      this.fail(invalidParameter(`Param ${path} must be a boolean.`));
      return undefined;
    }
    return value;
  }

  /** A required or optional nested object. */
  object(parent: JsonObject, key: string, path: string, required: boolean): JsonObject | undefined {
    const value = parent[key];
    if (value === undefined || value === null) {
      if (required) this.fail(invalidParameter(`The parameter ${path} is required.`));
      return undefined;
    }
    if (!isJsonObject(value)) {
      this.fail(invalidParameter(`Param ${path} must be a JSON object.`));
      return undefined;
    }
    return value;
  }

  /** A required or optional array whose length must be within `min..max`. */
  array(
    parent: JsonObject,
    key: string,
    path: string,
    rule: { required: boolean; min: number; max: number },
  ): unknown[] | undefined {
    const value = parent[key];
    if (value === undefined || value === null) {
      if (rule.required) this.fail(invalidParameter(`The parameter ${path} is required.`));
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.fail(invalidParameter(`Param ${path} must be an array.`));
      return undefined;
    }
    if (value.length < rule.min || value.length > rule.max)
      this.fail(
        invalidValue(
          `Param ${path} must have between ${rule.min} and ${rule.max} items, got ${value.length}.`,
        ),
      );
    return value;
  }

  /** Each item of an array that must be an object, with its path. */
  objects(items: readonly unknown[], path: string): { item: JsonObject; path: string; index: number }[] {
    const result: { item: JsonObject; path: string; index: number }[] = [];
    items.forEach((item, index) => {
      if (isJsonObject(item)) result.push({ item, path: `${path}[${index}]`, index });
      else this.fail(invalidParameter(`Param ${path}[${index}] must be a JSON object.`));
    });
    return result;
  }

  /** An `http:`/`https:` URL string. */
  url(parent: JsonObject, key: string, path: string, required: boolean): string | undefined {
    const value = this.string(parent, key, path, { required });
    if (value === undefined) return undefined;
    let valid = false;
    try {
      const parsed = new URL(value);
      valid = parsed.protocol === 'http:' || parsed.protocol === 'https:';
    } catch {
      valid = false;
    }
    if (!valid) this.fail(invalidValue(`Param ${path} must be a valid http or https URL.`));
    return value;
  }
}

import {
  type CountryCallingCode,
  type CountryCode,
  Metadata,
  type MetadataJson,
} from 'libphonenumber-js/core';
import metadataJson from 'libphonenumber-js/max/metadata';

/** The parts of a parsed number that decide its validity. */
export interface ParsedNumber {
  readonly country?: CountryCode | undefined;
  readonly countryCallingCode: CountryCallingCode;
  readonly nationalNumber: string;
}

/** The members of libphonenumber's `Metadata` (and its numbering plans) the d.ts does not declare. */
interface NumberingPlanApi {
  nationalNumberPattern(): string;
  hasTypes(): boolean;
  type(name: string): { pattern(): string; possibleLengths(): readonly number[] | undefined } | undefined;
}

interface TypeCheck {
  readonly pattern: RegExp;
  readonly lengths: readonly number[] | undefined;
}

interface PlanCheck {
  readonly national: RegExp;
  /** `undefined` when the plan has no number types: the national pattern alone decides. */
  readonly types: readonly TypeCheck[] | undefined;
}

// Fixed line first, then getNumberType's NON_FIXED_LINE_PHONE_TYPES: any match makes the number valid.
const TYPES = [
  'FIXED_LINE',
  'MOBILE',
  'PREMIUM_RATE',
  'TOLL_FREE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
] as const;

const metadata = new Metadata(metadataJson as MetadataJson);
const plans = new Map<string, PlanCheck>();

/**
 * `PhoneNumber.isValid()` of libphonenumber-js with its full (`max`) metadata, decided by the same
 * rules (the national pattern, then any number type's lengths and pattern) but with each pattern
 * compiled once: the library builds a new RegExp for every test, which was half the import's time.
 */
export function isValidNumber(parsed: ParsedNumber): boolean {
  const key = parsed.country ?? parsed.countryCallingCode;
  let plan = plans.get(key);
  if (plan === undefined) {
    plan = compilePlan(key);
    plans.set(key, plan);
  }
  const nationalNumber = parsed.nationalNumber;
  if (!plan.national.test(nationalNumber)) return false;
  if (plan.types === undefined) return true;
  for (const type of plan.types) {
    if (type.lengths !== undefined && !type.lengths.includes(nationalNumber.length)) continue;
    if (type.pattern.test(nationalNumber)) return true;
  }
  return false;
}

function compilePlan(key: string): PlanCheck {
  metadata.selectNumberingPlan(key as CountryCode);
  const plan = metadata.numberingPlan as unknown as NumberingPlanApi;
  const national = entirely(plan.nationalNumberPattern());
  if (!plan.hasTypes()) return { national, types: undefined };
  const types: TypeCheck[] = [];
  for (const name of TYPES) {
    const type = plan.type(name);
    const pattern = type?.pattern();
    if (type === undefined || pattern === undefined || pattern === '') continue;
    types.push({ pattern: entirely(pattern), lengths: type.possibleLengths() });
  }
  return { national, types };
}

/** The RegExp libphonenumber's `matchesEntirely` builds. */
function entirely(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

import type { Contact } from '@ferry/core';
import { countryOf, type NormalizedPlan, type TargetName } from '@ferry/engine';

/** Where one contact moves: the first routing rule that matches every criterion it gives, else the default target. */
export function routeOf(plan: NormalizedPlan, contact: Contact): TargetName | 'stay' {
  const country = countryOf(contact);
  const phone = contact.phone ?? (contact.waId === undefined ? undefined : `+${contact.waId}`);
  for (const rule of plan.routing.rules) {
    if (rule.countries.length > 0 && (country === undefined || !rule.countries.includes(country))) continue;
    if (
      rule.callingCodes.length > 0 &&
      (phone === undefined || !rule.callingCodes.some((code) => phone.startsWith(code)))
    )
      continue;
    if (rule.tags.length > 0 && !rule.tags.some((tag) => contact.tags.includes(tag))) continue;
    return rule.target;
  }
  return plan.routing.defaultTarget;
}

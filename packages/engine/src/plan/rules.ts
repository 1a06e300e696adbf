import type { NormalizeIssue } from './normalize.js';
import type { PlanInput } from './schema.js';
import { TARGET_NAMES } from './schema.js';
import { linkParameterProblem, type TemplateSummary } from './template-check.js';
import { formatDuration } from './time.js';
import type { NormalizedPlan, NormalizedRoute } from './types.js';

/**
 * The wind-down Meta gave existing AI-assistant integrations, after which a link is of no use.
 * @see shared/docs/PRODUCT.md (90-day wind-down)
 */
export const WIND_DOWN_MS = 90 * 86_400_000;

/** Throughput above this needs an unlimited messaging limit. @see PLATFORMS.md §1.5 (Throughput) */
const DEFAULT_THROUGHPUT = 80;

/** What the cross-field rules may consult besides the plan itself. */
export interface PlanRuleContext {
  /** The current time (ms since the epoch), injected so "in the past" is testable. */
  readonly now: number;
  /** The imported templates; when given, every wave's template must be among them. */
  readonly templates?: readonly TemplateSummary[];
}

const iso = (epochMs: number) => new Date(epochMs).toISOString();

type Intersection = 'shared' | 'disjoint' | 'unconstrained';

function intersection(left: readonly string[], right: readonly string[], prefix = false): Intersection {
  if (left.length === 0 || right.length === 0) return 'unconstrained';
  const shared = left.some((a) => right.some((b) => (prefix ? a.startsWith(b) || b.startsWith(a) : a === b)));
  return shared ? 'shared' : 'disjoint';
}

function covers(wide: readonly string[], narrow: readonly string[], prefix = false): boolean {
  if (wide.length === 0) return true;
  if (narrow.length === 0) return false;
  return narrow.every((value) => wide.some((w) => (prefix ? value.startsWith(w) : value === w)));
}

// Rules on different criteria (a calling code here, a country there) are not reported: countries and
// numbers go together, so only a criterion both rules name and both accept counts as an overlap.
function routesOverlap(first: NormalizedRoute, second: NormalizedRoute): boolean {
  const kinds = [
    intersection(first.countries, second.countries),
    intersection(first.callingCodes, second.callingCodes, true),
    intersection(first.tags, second.tags),
  ];
  return kinds.includes('shared') && !kinds.includes('disjoint');
}

function routeCovers(first: NormalizedRoute, second: NormalizedRoute): boolean {
  return (
    covers(first.countries, second.countries) &&
    covers(first.callingCodes, second.callingCodes, true) &&
    covers(first.tags, second.tags)
  );
}

function isEmptyMatch(route: NormalizedRoute): boolean {
  return route.countries.length === 0 && route.callingCodes.length === 0 && route.tags.length === 0;
}

function primaryLanguage(language: string): string {
  return language.split('_')[0] ?? language;
}

/**
 * The rules that span several fields: waves before the cutoff, unique wave ids, templates imported,
 * routes to configured targets, `stay` only in declared exemptions, overlapping rules, dates in the
 * past, link lifetime against the wind-down, and a redirect text whenever users leave WhatsApp.
 */
export function checkPlanRules(
  plan: NormalizedPlan,
  input: PlanInput,
  waveSourceIndex: readonly number[],
  context: PlanRuleContext,
): NormalizeIssue[] {
  const issues: NormalizeIssue[] = [];
  const error = (path: NormalizeIssue['path'], message: string) =>
    issues.push({ path, message, severity: 'error' });
  const warn = (path: NormalizeIssue['path'], message: string) =>
    issues.push({ path, message, severity: 'warning' });
  const cutoff = plan.cutoff.at;

  if (cutoff < context.now) {
    warn(['cutoff', 'at'], `the cutoff ${iso(cutoff)} is in the past`);
  }

  // Waves, in file order so the issues read top to bottom.
  const seenIds = new Map<string, number>();
  const byFileIndex = plan.waves
    .map((wave, sortedIndex) => ({ wave, index: waveSourceIndex[sortedIndex] ?? sortedIndex }))
    .sort((left, right) => left.index - right.index);
  for (const { wave, index } of byFileIndex) {
    const path = ['waves', index] as const;
    const earlier = seenIds.get(wave.id);
    if (earlier !== undefined) {
      error(
        [...path, 'id'],
        `wave id \`${wave.id}\` is already used by waves[${earlier}]; ids name campaigns and must be unique`,
      );
    } else {
      seenIds.set(wave.id, index);
    }
    if (wave.at >= cutoff) {
      error(
        [...path, 'at'],
        `wave \`${wave.id}\` at ${iso(wave.at)} is not before the cutoff ${iso(cutoff)}: notices must go out while the number still answers`,
      );
    } else if (wave.at < context.now) {
      warn([...path, 'at'], `wave \`${wave.id}\` at ${iso(wave.at)} is in the past`);
    }
    if (wave.sendWindow !== undefined && wave.sendWindow.fromMinute === wave.sendWindow.toMinute) {
      error([...path, 'sendWindow'], 'the send window is empty: `from` and `to` are the same time');
    }
    const languages = wave.audience.languages;
    if (
      languages !== undefined &&
      !languages.some((language) => primaryLanguage(language) === primaryLanguage(wave.template.language))
    ) {
      warn(
        [...path, 'template', 'language'],
        `the template is in ${wave.template.language} but the audience speaks ${languages.join(', ')}`,
      );
    }
    if (context.templates !== undefined) {
      const named = context.templates.filter((template) => template.name === wave.template.name);
      const template = named.find((candidate) => candidate.language === wave.template.language);
      if (named.length === 0) {
        error(
          [...path, 'template', 'name'],
          `no imported template is named \`${wave.template.name}\`; import it (sources) or fix the name`,
        );
      } else if (template === undefined) {
        error(
          [...path, 'template', 'language'],
          `template \`${wave.template.name}\` has no ${wave.template.language} version (imported: ${named.map((candidate) => candidate.language).join(', ')})`,
        );
      } else {
        if (template.status !== undefined && template.status.toUpperCase() !== 'APPROVED') {
          warn(
            [...path, 'template', 'name'],
            `template \`${wave.template.name}\` (${wave.template.language}) is ${template.status}, and only approved templates can be sent`,
          );
        }
        const problem = linkParameterProblem(template, wave.template.linkParameter);
        if (problem !== undefined) {
          warn([...path, 'template', 'linkParameter'], `template \`${wave.template.name}\` ${problem}`);
        }
      }
    }
  }
  if (plan.waves.length === 0) {
    warn(['waves'], 'no notice waves: nobody will be told on WhatsApp that the assistant moves');
  }

  // Routing.
  const exempt = plan.whatsapp.exemptions;
  const exemptCountries = exempt.flatMap((exemption) => exemption.countries);
  const exemptCodes = exempt.flatMap((exemption) => exemption.callingCodes);
  plan.routing.rules.forEach((route, index) => {
    const path = ['routing', index] as const;
    if (isEmptyMatch(route)) {
      error(
        [...path, 'match'],
        'a rule must match on countries, callingCodes or tags; use defaultTarget for everyone else',
      );
      return;
    }
    if (route.target !== 'stay' && plan.targets[route.target] === undefined) {
      error([...path, 'target'], `target \`${route.target}\` is not configured under targets`);
    }
    if (route.target === 'stay') {
      const regional = route.countries.length > 0 || route.callingCodes.length > 0;
      const covered =
        regional &&
        route.countries.every((country) => exemptCountries.includes(country)) &&
        route.callingCodes.every((code) => exemptCodes.some((exemptCode) => code.startsWith(exemptCode)));
      if (!covered) {
        warn(
          [...path, 'target'],
          'contacts routed to `stay` keep using WhatsApp, which is only allowed where a carve-out applies: declare it under whatsapp.exemptions (countries or callingCodes)',
        );
      }
    }
    for (let earlier = 0; earlier < index; earlier++) {
      const first = plan.routing.rules[earlier];
      if (first === undefined || isEmptyMatch(first)) continue;
      if (routeCovers(first, route)) {
        warn(
          path,
          `this rule never applies: routing[${earlier}] matches every contact it matches (first match wins)`,
        );
        break;
      }
      if (first.target !== route.target && routesOverlap(first, route)) {
        warn(
          path,
          `this rule overlaps routing[${earlier}], which sends the shared contacts to \`${first.target}\` (first match wins)`,
        );
        break;
      }
    }
  });
  if (input.defaultTarget !== undefined && plan.targets[input.defaultTarget] === undefined) {
    error(['defaultTarget'], `target \`${input.defaultTarget}\` is not configured under targets`);
  }

  // Linking.
  const lifetime = plan.linking.tokenLifetimeMs;
  const lifetimePath = ['linking', 'tokenLifetime'] as const;
  if (lifetime > cutoff - context.now + WIND_DOWN_MS) {
    warn(
      lifetimePath,
      `links would stay valid ${formatDuration(lifetime)}, past the cutoff plus the 90-day wind-down; a shorter lifetime limits what a leaked link can do`,
    );
  }
  const lastWave = plan.waves.at(-1);
  if (lastWave !== undefined && lastWave.at < cutoff && lastWave.at + lifetime < cutoff) {
    warn(
      lifetimePath,
      `links from the last wave (\`${lastWave.id}\`) expire at ${iso(lastWave.at + lifetime)}, before the cutoff: add a later wave or lengthen the lifetime`,
    );
  }
  if (!plan.linking.requireOptIn) {
    warn(
      ['linking', 'requireOptIn'],
      'WhatsApp requires a prior opt-in for business-initiated messages; contacts without one may be notified',
    );
  }

  // WhatsApp account.
  if (input.whatsapp?.tier === undefined) {
    warn(['whatsapp'], "whatsapp.tier is not set: assuming 250, a new portfolio's messaging limit");
  }
  if (plan.whatsapp.throughputPerSecond > DEFAULT_THROUGHPUT && plan.whatsapp.tier !== 'unlimited') {
    warn(
      ['whatsapp', 'throughputPerSecond'],
      `more than ${DEFAULT_THROUGHPUT} messages per second needs an unlimited messaging limit (tier is ${plan.whatsapp.tier})`,
    );
  }

  // Sources.
  (input.sources ?? []).forEach((source, index) => {
    const contacts = source.kind === undefined || source.kind.startsWith('contacts-');
    if (!contacts && (source.defaultCountry !== undefined || source.columns !== undefined)) {
      warn(
        ['sources', index],
        `defaultCountry and columns apply to contacts exports only, not ${source.kind}`,
      );
    }
  });

  // Leaving WhatsApp without telling those who write afterwards loses them.
  const leaves =
    plan.routing.rules.some((route) => route.target !== 'stay') ||
    TARGET_NAMES.includes(plan.routing.defaultTarget);
  if (leaves && plan.redirect === undefined) {
    error(
      ['redirect'],
      'users move off WhatsApp, so a redirect text is required: what the number answers after the cutoff',
    );
  }
  return issues;
}

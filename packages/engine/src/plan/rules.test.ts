import { describe, expect, it } from 'vitest';
import { loadPlan } from './load.js';
import type { TemplateSummary } from './template-check.js';
import type { PlanLoadResult } from './types.js';

const NOW = Date.parse('2026-01-20T12:00:00Z');

type Json = Record<string, unknown>;

function basePlan(): Json {
  return {
    version: 1,
    name: 'Rules',
    whatsapp: { tier: 2000, throughputPerSecond: 80 },
    targets: { telegram: { username: 'rules_bot' } },
    cutoff: { at: '2026-04-15', timezone: 'UTC' },
    routing: [],
    linking: { tokenLifetime: '14d' },
    waves: [
      { id: 'first', at: '2026-03-01T10:00', template: { name: 'moved', language: 'en_US' } },
      { id: 'second', at: '2026-04-10T10:00', template: { name: 'moved', language: 'en_US' } },
    ],
    redirect: { text: 'We moved.' },
  };
}

function planText(change: (plan: Json) => void): string {
  const plan = basePlan();
  change(plan);
  return JSON.stringify(plan, null, 2);
}

function load(change: (plan: Json) => void, templates?: readonly TemplateSummary[]): PlanLoadResult {
  return loadPlan(planText(change), {
    file: 'ferry.plan.json',
    now: NOW,
    ...(templates === undefined ? {} : { templates }),
  });
}

const paths = (issues: PlanLoadResult['errors']) => issues.map((issue) => issue.path);

function approvedTemplate(overrides: Partial<TemplateSummary> = {}): TemplateSummary {
  return {
    name: 'moved',
    language: 'en_US',
    status: 'APPROVED',
    original: {
      name: 'moved',
      components: [
        { type: 'BODY', text: 'Hi {{1}}, we are moving to Telegram.' },
        {
          type: 'BUTTONS',
          buttons: [{ type: 'URL', text: 'Move now', url: 'https://t.me/rules_bot?start={{1}}' }],
        },
      ],
    },
    ...overrides,
  };
}

describe('cross-field rules', () => {
  it('the base plan passes every rule', () => {
    const result = load(() => {}, [approvedTemplate()]);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  describe('waves', () => {
    it('refuses a wave at or after the cutoff, pointing at its place in the file (not its sorted place)', () => {
      const addLateWave = (plan: Json) => {
        (plan['waves'] as Json[]).unshift({
          id: 'late',
          at: '2026-04-16',
          template: { name: 'moved', language: 'en_US' },
        });
      };
      const result = load(addLateWave);
      expect(result.plan).toBeUndefined();
      expect(result.errors).toEqual([
        expect.objectContaining({
          path: 'waves[0].at',
          message: expect.stringContaining('not before the cutoff'),
        }),
      ]);
      const lines = planText(addLateWave).split('\n');
      expect(lines[(result.errors[0]?.line ?? 0) - 1]).toContain('"at": "2026-04-16"');
    });

    it('refuses two waves with the same id', () => {
      const result = load((plan) => {
        (plan['waves'] as Json[])[1]!['id'] = 'first';
      });
      expect(result.errors).toEqual([
        expect.objectContaining({
          path: 'waves[1].id',
          message: expect.stringContaining('already used by waves[0]'),
        }),
      ]);
    });

    it('warns about a wave and a cutoff in the past', () => {
      const result = loadPlan(JSON.stringify(basePlan()), { now: Date.parse('2026-05-01T00:00:00Z') });
      expect(result.errors).toEqual([]);
      expect(paths(result.warnings)).toEqual(['cutoff.at', 'waves[0].at', 'waves[1].at']);
      expect(result.warnings[0]?.message).toContain('in the past');
    });

    it('refuses an empty send window and warns when the template language does not match the audience', () => {
      const result = load((plan) => {
        const waves = plan['waves'] as Json[];
        waves[0]!['sendWindow'] = { from: '09:00', to: '09:00' };
        waves[1]!['audience'] = { languages: ['pt_BR', 'pt_PT'] };
      });
      expect(paths(result.errors)).toEqual(['waves[0].sendWindow']);
      expect(result.warnings).toEqual([
        expect.objectContaining({
          path: 'waves[1].template.language',
          message: expect.stringContaining('pt_BR, pt_PT'),
        }),
      ]);
    });

    it('warns when there is no wave at all', () => {
      const result = load((plan) => {
        plan['waves'] = [];
      });
      expect(result.errors).toEqual([]);
      expect(result.warnings).toEqual([
        expect.objectContaining({ path: 'waves', message: expect.stringContaining('nobody') }),
      ]);
    });
  });

  describe('templates, when the imported catalog is given', () => {
    it('refuses a template that was not imported', () => {
      const result = load(() => {}, [approvedTemplate({ name: 'other' })]);
      expect(paths(result.errors)).toEqual(['waves[0].template.name', 'waves[1].template.name']);
    });

    it('refuses a language the template does not have, naming the ones it has', () => {
      const result = load(() => {}, [
        approvedTemplate({ language: 'pt_BR' }),
        approvedTemplate({ language: 'it' }),
      ]);
      expect(result.errors[0]).toMatchObject({
        path: 'waves[0].template.language',
        message: expect.stringContaining('imported: pt_BR, it'),
      });
    });

    it('warns about an unapproved template and one whose link cannot be personal', () => {
      const fixedUrl = approvedTemplate({
        status: 'PENDING',
        original: {
          components: [
            { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Go', url: 'https://t.me/rules_bot' }] },
          ],
        },
      });
      const result = load(() => {}, [fixedUrl]);
      expect(result.errors).toEqual([]);
      expect(result.warnings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            path: 'waves[0].template.name',
            message: expect.stringContaining('PENDING'),
          }),
          expect.objectContaining({
            path: 'waves[0].template.linkParameter',
            message: expect.stringContaining('fixed URL'),
          }),
        ]),
      );
    });

    it('checks a body parameter named as the link carrier', () => {
      const result = load(
        (plan) => {
          (plan['waves'] as Json[])[0]!['template'] = {
            name: 'moved',
            language: 'en_US',
            linkParameter: 'body:link',
          };
        },
        [approvedTemplate()],
      );
      expect(result.warnings).toEqual([
        expect.objectContaining({
          path: 'waves[0].template.linkParameter',
          message: expect.stringContaining('{{link}}'),
        }),
      ]);
    });
  });

  describe('routing', () => {
    it('refuses a route or default to a target that is not configured', () => {
      const result = load((plan) => {
        plan['routing'] = [{ match: { countries: ['IT'] }, target: 'discord' }];
        plan['defaultTarget'] = 'slack';
      });
      expect(paths(result.errors)).toEqual(['routing[0].target', 'defaultTarget']);
    });

    it('takes the only target as the default, and asks which one when there are several', () => {
      expect(load(() => {}).plan?.routing.defaultTarget).toBe('telegram');
      const several = load((plan) => {
        plan['targets'] = { telegram: { username: 'rules_bot' }, slack: { appId: 'A0123456789' } };
      });
      expect(several.errors).toEqual([
        expect.objectContaining({
          path: 'defaultTarget',
          message: expect.stringContaining('telegram, slack'),
        }),
      ]);
    });

    it('refuses a plan with no target', () => {
      const result = load((plan) => {
        plan['targets'] = {};
      });
      expect(paths(result.errors)).toEqual(['targets']);
    });

    it('refuses a rule that matches nothing in particular', () => {
      const result = load((plan) => {
        plan['routing'] = [{ match: {}, target: 'telegram' }];
      });
      expect(paths(result.errors)).toEqual(['routing[0].match']);
    });

    it('warns about `stay` unless a declared exemption covers the rule', () => {
      const staying = { match: { callingCodes: ['+55'] }, target: 'stay' };
      const undeclared = load((plan) => {
        plan['routing'] = [staying];
      });
      expect(undeclared.warnings).toEqual([
        expect.objectContaining({
          path: 'routing[0].target',
          message: expect.stringContaining('whatsapp.exemptions'),
        }),
      ]);

      const declared = load((plan) => {
        plan['routing'] = [staying, { match: { callingCodes: ['+5511'] }, target: 'stay' }];
        plan['whatsapp'] = { tier: 2000, exemptions: [{ callingCodes: ['55'], countries: ['BR'] }] };
      });
      expect(declared.errors).toEqual([]);
      expect(declared.warnings.filter((issue) => issue.path.endsWith('.target'))).toEqual([]);

      const byTag = load((plan) => {
        plan['routing'] = [{ match: { tags: ['legacy'] }, target: 'stay' }];
        plan['whatsapp'] = { tier: 2000, exemptions: [{ countries: ['BR'] }] };
      });
      expect(paths(byTag.warnings)).toEqual(['routing[0].target']);
    });

    it('warns about overlapping rules and rules that can never apply', () => {
      const result = load((plan) => {
        plan['targets'] = {
          telegram: { username: 'rules_bot' },
          discord: { applicationId: '123456789012345678' },
        };
        plan['defaultTarget'] = 'telegram';
        plan['routing'] = [
          { match: { countries: ['BR', 'PT'] }, target: 'telegram' },
          { match: { countries: ['PT', 'IT'] }, target: 'discord' },
          { match: { countries: ['BR'], tags: ['beta'] }, target: 'discord' },
          { match: { callingCodes: ['+39'] }, target: 'discord' },
        ];
      });
      expect(result.errors).toEqual([]);
      expect(result.warnings).toEqual([
        expect.objectContaining({
          path: 'routing[1]',
          message: expect.stringContaining('overlaps routing[0]'),
        }),
        expect.objectContaining({ path: 'routing[2]', message: expect.stringContaining('never applies') }),
      ]);
    });

    it('requires a redirect text when users leave WhatsApp', () => {
      const result = load((plan) => {
        delete plan['redirect'];
      });
      expect(result.errors).toEqual([
        expect.objectContaining({
          path: 'redirect',
          message: expect.stringContaining('redirect text is required'),
        }),
      ]);
    });
  });

  describe('linking and the WhatsApp account', () => {
    it('warns when links would outlive the cutoff plus the 90-day wind-down', () => {
      const result = load((plan) => {
        plan['linking'] = { tokenLifetime: '26w' };
      });
      expect(result.warnings).toEqual([
        expect.objectContaining({ path: 'linking.tokenLifetime', message: expect.stringContaining('182d') }),
      ]);
    });

    it('warns when the last wave’s links expire before the cutoff', () => {
      const result = load((plan) => {
        plan['linking'] = { tokenLifetime: '2d' };
      });
      expect(result.warnings).toEqual([
        expect.objectContaining({
          path: 'linking.tokenLifetime',
          message: expect.stringContaining('2026-04-12T10:00:00.000Z, before the cutoff'),
        }),
      ]);
    });

    it('warns when opt-in is not required', () => {
      const result = load((plan) => {
        plan['linking'] = { requireOptIn: false };
      });
      expect(paths(result.warnings)).toEqual(['linking.requireOptIn']);
    });

    it('warns when the tier is missing, and when the throughput needs an unlimited tier', () => {
      const missingTier = load((plan) => {
        plan['whatsapp'] = { throughputPerSecond: 80 };
      });
      expect(missingTier.warnings).toEqual([
        expect.objectContaining({ path: 'whatsapp', message: expect.stringContaining('assuming 250') }),
      ]);
      expect(missingTier.plan?.whatsapp).toMatchObject({ tier: 250, messagingLimit: 250 });

      const fast = load((plan) => {
        plan['whatsapp'] = { tier: 100000, throughputPerSecond: 1000 };
      });
      expect(paths(fast.warnings)).toEqual(['whatsapp.throughputPerSecond']);
      const unlimited = load((plan) => {
        plan['whatsapp'] = { tier: 'unlimited', throughputPerSecond: 1000 };
      });
      expect(unlimited.warnings).toEqual([]);
      expect(unlimited.plan?.whatsapp.messagingLimit).toBeNull();
    });

    it('warns about contacts options on a source that is not a contacts export', () => {
      const result = load((plan) => {
        plan['sources'] = [{ path: 'templates.json', kind: 'templates', defaultCountry: 'BR' }];
      });
      expect(paths(result.warnings)).toEqual(['sources[0]']);
    });
  });
});

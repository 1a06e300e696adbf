import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { loadPlan } from './load.js';
import { planSkeleton } from './skeleton.js';

const NOW = Date.parse('2026-01-20T12:00:00Z');

describe('planSkeleton', () => {
  it('writes a commented plan that loads with no error and no warning', () => {
    const text = planSkeleton({ now: NOW });
    expect(text).toMatch(/^# /);
    expect(text).toContain('# exemptions:');
    const result = loadPlan(text, { file: 'ferry.plan.yaml', now: NOW });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.plan?.waves.map((wave) => wave.id)).toEqual(['first-notice', 'reminder', 'last-call']);
    // 90 days after NOW, midnight UTC.
    expect(result.plan?.cutoff.at).toBe(Date.parse('2026-04-20T00:00:00Z'));
  });

  it('keeps what init was told, quoting text that YAML would misread', () => {
    const text = planSkeleton({
      now: NOW,
      name: 'Acme: "Luzia" # migration',
      targets: ['discord', 'slack', 'telegram'],
      timezone: 'America/Sao_Paulo',
      cutoff: '2026-06-30',
      telegramUsername: '@acme_helper_bot',
      slackAppId: 'A0ACME12345',
      discordApplicationId: '112233445566778899',
      sources: [{ path: 'my exports/contacts: 2026.csv', kind: 'contacts-csv' }],
      schemaUrl: './ferry.plan.schema.json',
    });
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./ferry.plan.schema.json');
    const result = loadPlan(text, { now: NOW });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.plan).toMatchObject({
      name: 'Acme: "Luzia" # migration',
      timezone: 'America/Sao_Paulo',
      targets: {
        telegram: { username: 'acme_helper_bot' },
        slack: { appId: 'A0ACME12345', mode: 'socket' },
        discord: { applicationId: '112233445566778899' },
      },
      routing: { rules: [], defaultTarget: 'discord' },
      sources: [{ path: 'my exports/contacts: 2026.csv', kind: 'contacts-csv' }],
    });
    // Midnight in São Paulo (-03:00).
    expect(result.plan?.cutoff.at).toBe(Date.parse('2026-06-30T03:00:00Z'));
  });

  it('leaves out waves that would already be past when the cutoff is close', () => {
    const text = planSkeleton({ now: NOW, cutoff: '2026-02-10' });
    const result = loadPlan(text, { now: NOW });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.plan?.waves.map((wave) => wave.id)).toEqual(['last-call']);
  });

  it('is one YAML document whose comments survive a round trip through the yaml library', () => {
    const document = parseDocument(planSkeleton({ now: NOW }));
    expect(document.errors).toEqual([]);
    expect(document.toString()).toContain('# How long a personal link stays valid.');
  });
});

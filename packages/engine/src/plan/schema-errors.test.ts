import { describe, expect, it } from 'vitest';
import { loadPlan } from './load.js';

const NOW = Date.parse('2026-01-20T12:00:00Z');

const BASE = `version: 1
name: Small assistant
whatsapp:
  tier: 2000
  throughputPerSecond: 80
targets:
  telegram:
    username: small_assistant_bot
cutoff:
  at: 2026-04-15T00:00
  timezone: UTC
routing:
  - match: { countries: [IT] }
    target: telegram
waves:
  - id: first
    at: 2026-03-01T10:00
    template: { name: we_moved, language: en_US }
  - id: second
    at: 2026-04-10T10:00
    template: { name: we_moved, language: en_US }
linking:
  tokenLifetime: 14d
redirect:
  text: We moved to Telegram.
`;

/** The 1-based line of the first line of `text` containing `snippet`. */
function lineOf(text: string, snippet: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(snippet));
  if (index < 0) throw new Error(`snippet not in text: ${snippet}`);
  return index + 1;
}

function edit(from: string, to: string): string {
  if (!BASE.includes(from)) throw new Error(`not in base plan: ${from}`);
  return BASE.replace(from, to);
}

describe('the base plan', () => {
  it('is valid, so each case below fails for its own reason only', () => {
    const result = loadPlan(BASE, { now: NOW });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.plan?.name).toBe('Small assistant');
  });
});

describe('schema errors carry the field path and its line', () => {
  const cases: { name: string; text: string; path: string; line: string; message: RegExp }[] = [
    {
      name: 'an unsupported version',
      text: edit('version: 1', 'version: 2'),
      path: 'version',
      line: 'version: 2',
      message: /reads plan version 1/,
    },
    {
      name: 'a missing required field (points at the parent)',
      text: edit('  timezone: UTC\n', ''),
      path: 'cutoff.timezone',
      line: 'cutoff:',
      message: /required field is missing/,
    },
    {
      name: 'an unknown field, with a suggestion',
      text: edit('  timezone: UTC', '  timeZone: UTC'),
      path: 'cutoff.timeZone',
      line: 'timeZone: UTC',
      message: /unknown field `timeZone`; did you mean `timezone`\?/,
    },
    {
      name: 'a bad date-time in the second wave',
      text: edit('at: 2026-04-10T10:00', 'at: next tuesday'),
      path: 'waves[1].at',
      line: 'at: next tuesday',
      message: /ISO 8601 date or date-time/,
    },
    {
      name: 'a date that is not in the calendar',
      text: edit('at: 2026-04-15T00:00', 'at: 2026-02-30'),
      path: 'cutoff.at',
      line: 'at: 2026-02-30',
      message: /not a real calendar date/,
    },
    {
      name: 'an unknown time zone',
      text: edit('timezone: UTC', 'timezone: Mars/Olympus'),
      path: 'cutoff.timezone',
      line: 'Mars/Olympus',
      message: /IANA time zone/,
    },
    {
      name: 'a tier WhatsApp does not have',
      text: edit('tier: 2000', 'tier: 5000'),
      path: 'whatsapp.tier',
      line: 'tier: 5000',
      message: /must be one of 250, 2000, 10000, 100000, "unlimited"/,
    },
    {
      name: 'a throughput above 1000',
      text: edit('throughputPerSecond: 80', 'throughputPerSecond: 5000'),
      path: 'whatsapp.throughputPerSecond',
      line: 'throughputPerSecond: 5000',
      message: /<=1000/,
    },
    {
      name: 'a calling code that is not one',
      text: edit('match: { countries: [IT] }', 'match: { callingCodes: ["+5a"] }'),
      path: 'routing[0].match.callingCodes[0]',
      line: 'callingCodes',
      message: /calling code such as \+55/,
    },
    {
      name: 'a routing target that does not exist',
      text: edit('    target: telegram', '    target: signal'),
      path: 'routing[0].target',
      line: 'target: signal',
      message: /must be one of "telegram", "slack", "discord", "stay"/,
    },
    {
      name: 'an unquoted Discord id that YAML cannot hold exactly',
      text: edit(
        '    username: small_assistant_bot',
        '    username: small_assistant_bot\n  discord:\n    applicationId: 123456789012345678',
      ),
      path: 'targets.discord.applicationId',
      line: 'applicationId',
      message: /write the Discord application id in quotes/,
    },
    {
      name: 'a Telegram username that is not a bot',
      text: edit('username: small_assistant_bot', 'username: small_assistant'),
      path: 'targets.telegram.username',
      line: 'username: small_assistant',
      message: /ending in "bot"/,
    },
    {
      name: 'a duration in words',
      text: edit('tokenLifetime: 14d', 'tokenLifetime: 14 days'),
      path: 'linking.tokenLifetime',
      line: 'tokenLifetime',
      message: /duration such as 14d/,
    },
    {
      name: 'a zero duration',
      text: edit('tokenLifetime: 14d', 'tokenLifetime: 0d'),
      path: 'linking.tokenLifetime',
      line: 'tokenLifetime',
      message: /longer than zero/,
    },
    {
      name: 'a wave id that cannot name a campaign',
      text: edit('- id: second', '- id: Second Wave'),
      path: 'waves[1].id',
      line: 'Second Wave',
      message: /lower-case letters/,
    },
    {
      name: 'a mapping where a list belongs',
      text: edit('    target: telegram', '    target: telegram\nsources: { path: x.csv }'),
      path: 'sources',
      line: 'sources:',
      message: /expected a list, got a mapping/,
    },
    {
      name: 'an empty redirect text',
      text: edit('text: We moved to Telegram.', 'text: ""'),
      path: 'redirect.text',
      line: 'text: ""',
      message: /must not be empty/,
    },
    {
      name: 'a send window time that is not HH:MM',
      text: edit(
        '    template: { name: we_moved, language: en_US }\n  - id: second',
        '    template: { name: we_moved, language: en_US }\n    sendWindow: { from: "9am", to: "20:00" }\n  - id: second',
      ),
      path: 'waves[0].sendWindow.from',
      line: 'sendWindow',
      message: /HH:MM/,
    },
  ];

  for (const testCase of cases) {
    it(`reports ${testCase.name}`, () => {
      const result = loadPlan(testCase.text, { file: 'ferry.plan.yaml', now: NOW });
      expect(result.plan).toBeUndefined();
      expect(result.errors).toEqual([
        expect.objectContaining({
          path: testCase.path,
          file: 'ferry.plan.yaml',
          line: lineOf(testCase.text, testCase.line),
          message: expect.stringMatching(testCase.message),
        }),
      ]);
    });
  }

  it('reports every error at once, in file order', () => {
    const text = edit('tier: 2000', 'tier: 3')
      .replace('at: 2026-04-10T10:00', 'at: soon')
      .replace('version: 1', 'version: 9');
    const result = loadPlan(text, { now: NOW });
    expect(result.errors.map((issue) => issue.path)).toEqual(['version', 'whatsapp.tier', 'waves[1].at']);
  });

  it('points a column at the field', () => {
    const result = loadPlan(edit('tier: 2000', 'tier: 3'), { now: NOW });
    expect(result.errors[0]).toMatchObject({ line: 4, column: 3 });
  });
});

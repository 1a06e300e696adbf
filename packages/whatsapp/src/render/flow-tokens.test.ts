import { ShortIdTable } from '@ferry/core';
import { describe, expect, it } from 'vitest';
import { flowReplyBody } from '../../test/bodies.js';
import { parseWebhook } from '../webhook/parse.js';
import { FlowTokenTable } from './flow-tokens.js';

const formIdOf = (token: string, flowTokens: FlowTokenTable) => {
  const [event] = parseWebhook(flowReplyBody(token), 0, { ids: new ShortIdTable(), flowTokens }).events;
  return event?.type === 'form' ? event.formId : undefined;
};

describe('FlowTokenTable', () => {
  it('names the form of a remembered token, and keeps an unknown token as the formId', () => {
    const flowTokens = new FlowTokenTable();
    flowTokens.remember('order-42', 'order-form');
    expect(formIdOf('order-42', flowTokens)).toBe('order-form');
    expect(formIdOf('order-99', flowTokens)).toBe('order-99');
  });

  it('needs no entry for a token equal to its form id, and names the latest form of a reused token', () => {
    const flowTokens = new FlowTokenTable();
    flowTokens.remember('signup', 'signup');
    expect(flowTokens.size).toBe(0);
    flowTokens.remember('shared', 'first-form');
    flowTokens.remember('shared', 'second-form');
    expect(flowTokens.formIdOf('shared')).toBe('second-form');
    expect(flowTokens.size).toBe(1);
  });

  it('lets the form whose id is the token name the reply once it is sent with its own id', () => {
    const flowTokens = new FlowTokenTable();
    flowTokens.remember('x', 'form-a');
    flowTokens.remember('x', 'x');
    expect(formIdOf('x', flowTokens)).toBe('x');
    expect(flowTokens.size).toBe(0);
  });

  it('forgets the least recently sent token past its capacity', () => {
    const flowTokens = new FlowTokenTable(2);
    flowTokens.remember('a', 'form-a');
    flowTokens.remember('b', 'form-b');
    flowTokens.remember('a', 'form-a');
    flowTokens.remember('c', 'form-c');
    expect(flowTokens.formIdOf('b')).toBeUndefined();
    expect(flowTokens.formIdOf('a')).toBe('form-a');
    expect(flowTokens.formIdOf('c')).toBe('form-c');
    expect(() => new FlowTokenTable(0)).toThrow(RangeError);
  });
});

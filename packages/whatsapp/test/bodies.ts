// Webhook bodies as Meta posts them, for tests that build their own.
// @see PLATFORMS.md §1.1 (webhooks: entry[].changes[].value with messages, contacts, statuses)

/** A `messages` webhook body around `value` (messages, contacts or statuses). */
export function webhookBody(value: Readonly<Record<string, unknown>>): unknown {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'waba',
        changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: {}, ...value } }],
      },
    ],
  };
}

/** A webhook body with one message from 16315551234 (`message` adds its type and content, or overrides). */
export function messageBody(message: Readonly<Record<string, unknown>>): unknown {
  return webhookBody({
    messages: [{ from: '16315551234', id: 'wamid.1', timestamp: '1700000000', ...message }],
  });
}

/**
 * A webhook body with one Flow reply (`nfm_reply`) whose `response_json` carries `token` and
 * `fields`, as Meta posts it when a user completes a Flow.
 * @see PLATFORMS.md §1.1 "nfm_reply"
 */
export function flowReplyBody(
  token: string,
  fields: Readonly<Record<string, string>> = { size: 'L' },
): unknown {
  const responseJson = JSON.stringify({ flow_token: token, ...fields });
  return messageBody({
    id: 'wamid.flow',
    type: 'interactive',
    interactive: {
      type: 'nfm_reply',
      nfm_reply: { name: 'flow', body: 'Sent', response_json: responseJson },
    },
  });
}

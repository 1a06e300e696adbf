/**
 * A webhook body with one Flow reply (`nfm_reply`) from 16315551234 whose `response_json` carries
 * `token` and `fields`, as Meta posts it when a user completes a Flow.
 * @see PLATFORMS.md §1.1 "nfm_reply"
 */
export function flowReplyBody(
  token: string,
  fields: Readonly<Record<string, string>> = { size: 'L' },
): unknown {
  const responseJson = JSON.stringify({ flow_token: token, ...fields });
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'waba',
        changes: [
          {
            field: 'messages',
            value: {
              messages: [
                {
                  from: '16315551234',
                  id: 'wamid.flow',
                  timestamp: '1700000000',
                  type: 'interactive',
                  interactive: {
                    type: 'nfm_reply',
                    nfm_reply: { name: 'flow', body: 'Sent', response_json: responseJson },
                  },
                },
              ],
            },
          },
        ],
      },
    ],
  };
}

/** The campaign id the crash test's runs share (the journal is keyed by it). */
export const CRASH_CAMPAIGN_ID = 'crash';

/** The template the crash test registers in the WhatsApp emulator and its campaign sends. */
export const CRASH_TEMPLATE = {
  name: 'crash_notice',
  language: 'en_US',
  category: 'MARKETING',
  parameter_format: 'NAMED',
  components: [{ type: 'BODY', text: 'Hi {{first_name}}, we moved: this is our new home.' }],
} as const;

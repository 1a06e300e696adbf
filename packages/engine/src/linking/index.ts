export {
  type EmailLookupResult,
  type EmailMatcher,
  type EmailMatchReport,
  type MatchContactsByEmailOptions,
  matchContactsByEmail,
} from './email-matching.js';
export {
  type IssuedLink,
  type LinkOutcome,
  type LinkRefusal,
  LinkService,
  type LinkServiceOptions,
} from './link-service.js';
export { DEFAULT_LINK_TEXTS, type LinkTexts } from './texts.js';

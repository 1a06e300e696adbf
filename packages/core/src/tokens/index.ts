export type {
  CreatedLinkToken,
  CreateLinkTokenOptions,
  IssuedLinkToken,
  LinkTokenRefusal,
  LinkTokenSecret,
  LinkTokenVerification,
  VerifyLinkTokenOptions,
} from './link-token.js';
export {
  createLinkToken,
  hashLinkToken,
  LINK_TOKEN_DEFAULT_TTL_MS,
  LINK_TOKEN_MIN_SECRET_BYTES,
  readLinkTokenId,
  verifyLinkToken,
} from './link-token.js';
export { LINK_TOKEN_LENGTH, LINK_TOKEN_MAX_EXPIRY, LINK_TOKEN_PATTERN } from './token-format.js';

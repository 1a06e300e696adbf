export {
  type IssuedLink,
  type LinkOutcome,
  type LinkRefusal,
  LinkService,
  type LinkServiceOptions,
} from './link-service.js';
export { DEFAULT_LINK_TEXTS, type LinkTexts } from './texts.js';

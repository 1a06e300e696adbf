/**
 * Limits WhatsApp enforces on templates when they are created. The operator's templates already exist,
 * so the reader reports a broken limit as a warning (the target may still cut the text).
 * @see PLATFORMS.md §1.3 "Limits"
 */
export const TEMPLATE_LIMITS = {
  /** @see PLATFORMS.md §1.3: header text ≤60 with exactly 1 parameter [P] (Meta "Template components"). */
  headerText: 60,
  headerParameters: 1,
  /** @see PLATFORMS.md §1.3: body ≤1024 [S] (YCloud, Bird, Gupshup). */
  bodyText: 1024,
  /** @see PLATFORMS.md §1.3: footer ≤60 [S]. */
  footerText: 60,
  /** @see PLATFORMS.md §1.3: ≤10 buttons in total [S]. */
  buttons: 10,
  /** @see PLATFORMS.md §1.3: button text ≤25 [S] (third-party validator). */
  buttonText: 25,
  /** @see PLATFORMS.md §1.3: per type QUICK_REPLY ≤10, URL ≤2, PHONE_NUMBER ≤1 [S]. */
  quickReplyButtons: 10,
  urlButtons: 2,
  phoneNumberButtons: 1,
} as const;

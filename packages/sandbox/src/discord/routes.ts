/** One REST route of the emulated API: method, template, how to match it and how it is limited. */
export interface DiscordRoute {
  readonly method: string;
  /** Route template as Discord's docs and the ledger name it, e.g. `/channels/:id/messages`. */
  readonly template: string;
  readonly pattern: RegExp;
  /** Needs `Authorization: Bot <token>` (interaction callbacks and webhooks carry their token in the URL). */
  readonly auth: boolean;
  /** Counts toward the global per-bot limit (interaction endpoints are exempt). @see PLATFORMS.md §4.4 */
  readonly global: boolean;
}

const route = (
  method: string,
  template: string,
  options: { auth?: boolean; global?: boolean } = {},
): DiscordRoute => ({
  method,
  template,
  pattern: new RegExp(`^${template.replace(/:[a-zA-Z]+/g, '([^/]+)').replaceAll('/', '\\/')}$`),
  auth: options.auth ?? true,
  global: options.global ?? true,
});

/** Every route the emulator serves under `/api/v10`. */
export const discordRoutes: readonly DiscordRoute[] = [
  route('GET', '/users/@me'),
  route('POST', '/users/@me/channels'),
  route('GET', '/users/:id'),
  route('GET', '/channels/:id'),
  route('POST', '/channels/:id/messages'),
  route('GET', '/channels/:id/messages/:messageId'),
  route('PATCH', '/channels/:id/messages/:messageId'),
  route('PUT', '/channels/:id/messages/:messageId/reactions/:emoji/@me'),
  route('GET', '/gateway'),
  route('GET', '/gateway/bot'),
  route('GET', '/applications/@me'),
  route('GET', '/applications/:appId/commands'),
  route('PUT', '/applications/:appId/commands'),
  route('POST', '/applications/:appId/commands'),
  route('POST', '/interactions/:id/:token/callback', { auth: false, global: false }),
  route('POST', '/webhooks/:appId/:token', { auth: false, global: false }),
  route('PATCH', '/webhooks/:appId/:token/messages/:messageId', { auth: false, global: false }),
];

/** The matched route and its path parameters, or undefined. `/users/@me` wins over `/users/:id`. */
export function matchRoute(
  method: string,
  path: string,
): { route: DiscordRoute; params: string[] } | { route: undefined; methodAllowed: boolean } {
  let pathKnown = false;
  let decoded = path;
  try {
    decoded = path.split('/').map(decodeURIComponent).join('/');
  } catch {
    // A malformed escape stays as sent and simply matches no route.
  }
  for (const candidate of discordRoutes) {
    const match = candidate.pattern.exec(decoded);
    if (!match) continue;
    pathKnown = true;
    if (candidate.method === method) return { route: candidate, params: match.slice(1) };
  }
  return { route: undefined, methodAllowed: !pathKnown };
}

/** `/api/v10/...` to the versioned path, or undefined for anything else. */
export function versionedPath(path: string): string | undefined {
  const prefix = '/api/v10';
  return path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : undefined;
}

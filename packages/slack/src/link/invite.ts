import { ConfigError } from '@ferry/core';

/** The app id inside an app-level token (`xapp-1-A0123…-…`), if it has one. */
export function appIdFromAppToken(appToken: string | undefined): string | undefined {
  return appToken === undefined ? undefined : /^xapp-\d+-(A[A-Z0-9]+)-/.exec(appToken)?.[1];
}

/**
 * The link that opens the app's DM (`app_redirect`) with the code in the URL fragment: Slack ignores
 * the fragment and no link can carry text into Slack, so the page or message showing this link shows
 * the code too, and the user pastes it with `/ferry link <code>` or the App Home button.
 */
export function slackInviteLink(appId: string | undefined, token: string, teamId?: string): string {
  if (appId === undefined) {
    throw new ConfigError('inviteLink needs the Slack app id: set `appId` or give an app token (xapp-1-A…).');
  }
  const team = teamId === undefined ? '' : `&team=${encodeURIComponent(teamId)}`;
  return `https://slack.com/app_redirect?app=${encodeURIComponent(appId)}${team}#code=${encodeURIComponent(token)}`;
}

/** The words to show beside the invite link, with the code the user pastes. */
export function slackInviteInstructions(link: string, token: string, command = '/ferry'): string {
  return `Open ${link} and send \`${command} link ${token}\` (or press "Enter link code" in the app's Home tab).`;
}

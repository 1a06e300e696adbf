/** A Unicode emoji as Discord's emoji picker knows it (fully qualified, or a bare pictograph). */
// Built at run time: the `v` flag (Node 20) is newer than the TypeScript target allows in a literal.
const unicodeSets = 'v';
const rgiEmoji = new RegExp('^\\p{RGI_Emoji}$', unicodeSets);
const bareEmoji = /^\p{Extended_Pictographic}\uFE0F?$/u;

/**
 * Whether the reaction route's `:emoji` names an emoji the bot may use: any Unicode emoji. Custom
 * emoji (`name:id`) are refused, since the sandbox has no guilds and so no custom emoji the bot can reach.
 * @see https://discord.com/developers/docs/resources/message#create-reaction
 */
export function isUsableEmoji(emoji: string): boolean {
  return rgiEmoji.test(emoji) || bareEmoji.test(emoji);
}

/** One emoji on a message as the REST API lists it. */
export interface DiscordReactionObject {
  readonly emoji: { readonly id: null; readonly name: string };
  count: number;
  me: boolean;
}

/**
 * Standard emoji short names `reactions.add` accepts (a common subset of Slack's list; Slack also
 * knows every Unicode emoji's name and the workspace's custom emoji, which the emulator does not).
 * @see https://api.slack.com/methods/reactions.add ("name": the emoji's short name, like `thumbsup`)
 */
export const slackEmojiNames: ReadonlySet<string> = new Set([
  '+1',
  '-1',
  'thumbsup',
  'thumbsdown',
  'heart',
  'white_check_mark',
  'heavy_check_mark',
  'x',
  'eyes',
  'tada',
  'fire',
  'rocket',
  'star',
  'sparkles',
  'clap',
  'wave',
  'pray',
  'raised_hands',
  'ok_hand',
  'muscle',
  'smile',
  'smiley',
  'grinning',
  'joy',
  'laughing',
  'wink',
  'blush',
  'slightly_smiling_face',
  'thinking_face',
  'confused',
  'cry',
  'sob',
  'scream',
  'rage',
  'sunglasses',
  'heart_eyes',
  'hugging_face',
  'partying_face',
  '100',
  'warning',
  'question',
  'exclamation',
  'bulb',
  'memo',
  'calendar',
  'hourglass',
  'bell',
  'link',
  'lock',
  'key',
  'gift',
  'trophy',
  'coffee',
  'pizza',
  'beers',
  'sun_with_face',
  'zap',
  'boom',
  'heavy_plus_sign',
  'heavy_minus_sign',
  'point_up',
  'point_right',
  'raising_hand',
  'see_no_evil',
  'skull',
  'ghost',
  'robot_face',
  'green_heart',
  'blue_heart',
  'yellow_heart',
  'purple_heart',
  'broken_heart',
]);

/** Skin tone suffix Slack accepts on hand emoji (`thumbsup::skin-tone-3`). */
const skinTone = /::skin-tone-[2-6]$/;

/** Whether `name` is an emoji short name the emulator knows (colons around it are allowed, as Slack allows them). */
export function isSlackEmojiName(name: string): boolean {
  const bare = name.replace(/^:/, '').replace(/:$/, '').replace(skinTone, '');
  return slackEmojiNames.has(bare);
}

/** `:thumbsup:` → `thumbsup` (how Slack stores and lists the reaction). */
export function canonicalEmojiName(name: string): string {
  return name.replace(/^:/, '').replace(/:$/, '');
}

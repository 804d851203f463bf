/**
 * The Discord bot's entry points, the only part of discord/ other layers may
 * import: `awaitbot start` runs the bot (as shards with `--shards`), `awaitbot deploy-commands`
 * registers its commands.
 */
import { botCommands } from './commands/index.js';

export { runBot } from './client.js';
export { runShards } from './sharding.js';

/** Every slash and context-menu command as Discord registers it. */
export function commandDefinitions(): unknown[] {
  return botCommands.map((c) => c.data);
}

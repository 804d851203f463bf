/** One command: its definition (shared by the bot and deploy-commands) and its handlers. */
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  ModalSubmitInteraction,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from '../context.js';

export interface BotCommand {
  data: RESTPostAPIApplicationCommandsJSONBody;
  /** Counts against the per-user rate limit (explaining costs; looking up does not). */
  rateLimited: boolean;
  execute(interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction, ctx: BotContext): Promise<unknown>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<unknown>;
  /** Modal submits whose custom_id starts with `<command name>:`. */
  modal?(interaction: ModalSubmitInteraction, ctx: BotContext): Promise<unknown>;
  /** Button presses whose custom_id starts with `<command name>:` (the answers' own buttons, `ab:…`, go to buttons.ts). */
  button?(interaction: ButtonInteraction, ctx: BotContext): Promise<unknown>;
}

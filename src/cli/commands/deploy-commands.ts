/** `awaitbot deploy-commands`: registers the bot's commands globally, or to DISCORD_GUILD_ID. */
import { UsageError, type CliCommand } from '../command.js';
import { commandLocale } from '../lang-option.js';
import { cliMessages } from '../../render/messages.js';

export const deployCommandsCommand: CliCommand = {
  name: 'deploy-commands',
  async run(allArgs, io, config) {
    const { rest: args, locale } = commandLocale(allArgs, config);
    const token = config.discordToken;
    if (!token) throw new UsageError((m) => m.errors.noToken);
    const flag = args.indexOf('--guild');
    const guildId = (flag !== -1 ? args[flag + 1]?.trim() : config.discordGuildId) || null;
    const { REST, Routes } = await import('discord.js');
    const { commandDefinitions } = await import('../../discord/index.js');
    const rest = new REST(config.discordApiUrl ? { api: config.discordApiUrl } : {}).setToken(token);
    // The application id is the bot user's id, which is encoded in the token's first part.
    const appId = config.discordApplicationId || Buffer.from(token.split('.')[0] ?? '', 'base64').toString('utf8');
    if (!/^\d{5,20}$/.test(appId)) throw new UsageError((m) => m.errors.noApplicationId);
    const body = commandDefinitions();
    const route = guildId ? Routes.applicationGuildCommands(appId, guildId) : Routes.applicationCommands(appId);
    const result = (await rest.put(route, { body })) as unknown[];
    io.stdout.write(`${cliMessages(locale).reports.registered(result.length, guildId)}\n`);
    return 0;
  },
};

import { UsageError, type CliCommand } from '../command.js';
import { withStore } from '../store-command.js';
import { commandLocale } from '../lang-option.js';
import { cliMessages } from '../../render/messages.js';

export const forgetCommand: CliCommand = {
  name: 'forget',
  async run(args, io, config) {
    const { rest: positionals, locale } = commandLocale(args, config);
    const say = cliMessages(locale).reports;
    const [userId, ...rest] = positionals;
    if (!userId || rest.length > 0) throw new UsageError((m) => m.errors.oneUserId);
    if (!/^\d{5,25}$/.test(userId)) throw new UsageError((m) => m.errors.userId(userId));
    return withStore(config, async (store) => {
      const result = await store.forgetUser(userId);
      if (!result) {
        io.stderr.write(`awaitbot forget: ${say.forgetUnwritable(store.path)}\n`);
        return 1;
      }
      io.stdout.write(`${say.forgotten(result.cases, result.feedback, userId)}\n`);
      return 0;
    });
  },
};

import { UsageError, type CliCommand } from '../command.js';
import { plural, withStore } from '../store-command.js';

export const forgetCommand: CliCommand = {
  name: 'forget',
  async run(args, io, config) {
    const [userId, ...rest] = args;
    if (!userId || rest.length > 0) throw new UsageError((m) => m.errors.oneUserId);
    if (!/^\d{5,25}$/.test(userId)) throw new UsageError((m) => m.errors.userId(userId));
    return withStore(config, async (store) => {
      const result = await store.forgetUser(userId);
      if (!result) {
        io.stderr.write(`awaitbot forget: the database at ${store.path} could not be changed; nothing was erased (see the log above)\n`);
        return 1;
      }
      io.stdout.write(`Erased ${plural(result.cases, 'case')} and ${plural(result.feedback, 'vote')} of user ${userId}.\n`);
      return 0;
    });
  },
};

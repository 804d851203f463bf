import { config } from 'dotenv';
import { UsageError, type CliCommand } from '../command.js';
import { openStore } from '../../store/index.js';

export const forgetCommand: CliCommand = {
  name: 'forget',
  summary: "Erase a user's cases and votes (what /forget-me does), by Discord user id.",
  usage: 'awaitbot forget USER_ID',
  async run(args, io) {
    config({ quiet: true }); // DATABASE_PATH (and DISCORD_TOKEN for health) may live in .env
    const [userId, ...rest] = args;
    if (!userId || rest.length > 0) throw new UsageError('give exactly one USER_ID');
    if (!/^\d{5,25}$/.test(userId)) throw new UsageError(`"${userId}" is not a Discord user id (digits, e.g. 80351110224678912)`);
    const store = openStore();
    try {
      const result = store.forgetUser(userId);
      if (!result) {
        io.stderr.write(`awaitbot forget: the database at ${store.path} could not be changed; nothing was erased (see the log above)\n`);
        return 1;
      }
      const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
      io.stdout.write(`Erased ${plural(result.cases, 'case')} and ${plural(result.feedback, 'vote')} of user ${userId}.\n`);
      return 0;
    } finally {
      store.close();
    }
  },
};

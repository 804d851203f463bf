/**
 * Every CLI command, listed explicitly (reading a folder at run time breaks
 * between src/ and dist/). Add a command: one file in this folder, one entry
 * here. Commands load lazily, so `awaitbot explain` never pays for
 * discord.js or SQLite.
 */
import type { CliCommand } from '../command.js';
import type { CliCommandName } from '../../render/messages.js';

export interface CommandEntry {
  /** Its summary and usage, in each language, are in the catalog (render/messages.ts `cliMessages`). */
  name: CliCommandName;
  load(): Promise<CliCommand>;
}

export const commands: CommandEntry[] = [
  { name: 'explain', load: async () => (await import('./explain.js')).explainCommand },
  { name: 'batch', load: async () => (await import('./batch.js')).batchCommand },
  { name: 'rules', load: async () => (await import('./rules.js')).rulesCommand },
  { name: 'start', load: async () => (await import('./start.js')).startCommand },
  { name: 'serve', load: async () => (await import('./serve.js')).serveCommand },
  { name: 'console', load: async () => (await import('./console.js')).consoleCommand },
  { name: 'deploy-commands', load: async () => (await import('./deploy-commands.js')).deployCommandsCommand },
  { name: 'stats', load: async () => (await import('./stats.js')).statsCommand },
  { name: 'review', load: async () => (await import('./review.js')).reviewCommand },
  { name: 'faq', load: async () => (await import('./faq.js')).faqCommand },
  { name: 'export', load: async () => (await import('./export.js')).exportCommand },
  { name: 'forget', load: async () => (await import('./forget.js')).forgetCommand },
  { name: 'health', load: async () => (await import('./health.js')).healthCommand },
  { name: 'migrate-store', load: async () => (await import('./migrate-store.js')).migrateStoreCommand },
];

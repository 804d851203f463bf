/**
 * Every CLI command, listed explicitly (reading a folder at run time breaks
 * between src/ and dist/). Add a command: one file in this folder, one entry
 * here. Commands load lazily, so `awaitbot explain` never pays for
 * discord.js or SQLite.
 */
import type { CliCommand } from '../command.js';

export interface CommandEntry {
  name: string;
  /** One line for `awaitbot help`. */
  summary: string;
  load(): Promise<CliCommand>;
}

export const commands: CommandEntry[] = [
  { name: 'explain', summary: 'Explain the async mistake in a paste (FILE or stdin).', load: async () => (await import('./explain.js')).explainCommand },
  { name: 'batch', summary: 'Diagnose JSON lines {"id","text"} from stdin; one JSON line out per input.', load: async () => (await import('./batch.js')).batchCommand },
  { name: 'rules', summary: 'List every rule the knowledge base holds (--json for id, title, language).', load: async () => (await import('./rules.js')).rulesCommand },
  { name: 'start', summary: 'Run the Discord bot (DISCORD_TOKEN set) or else the local console.', load: async () => (await import('./start.js')).startCommand },
  { name: 'serve', summary: "Answer Discord's interactions over HTTP, no gateway (--port P; needs DISCORD_PUBLIC_KEY).", load: async () => (await import('./serve.js')).serveCommand },
  { name: 'console', summary: 'A local chat in the terminal that behaves like the bot in a channel.', load: async () => (await import('./console.js')).consoleCommand },
  { name: 'deploy-commands', summary: 'Register the slash and context-menu commands (globally or to DISCORD_GUILD_ID).', load: async () => (await import('./deploy-commands.js')).deployCommandsCommand },
  { name: 'stats', summary: 'Cases, share matched, top rules, feedback per rule, busiest channels.', load: async () => (await import('./stats.js')).statsCommand },
  { name: 'review', summary: 'The latest unmatched and "wrong"-flagged pastes, to improve the knowledge base.', load: async () => (await import('./review.js')).reviewCommand },
  { name: 'faq', summary: "A server's FAQ entries as Markdown files (export/import DIR --guild ID), or one made from a case (add --from-case ID).", load: async () => (await import('./faq.js')).faqCommand },
  { name: 'export', summary: 'Cases as JSON lines (--since DATE).', load: async () => (await import('./export.js')).exportCommand },
  { name: 'forget', summary: "Erase a user's cases and feedback: awaitbot forget USER_ID.", load: async () => (await import('./forget.js')).forgetCommand },
  { name: 'health', summary: 'Exit 0 when the database answers (and, in bot mode, the gateway is connected).', load: async () => (await import('./health.js')).healthCommand },
];

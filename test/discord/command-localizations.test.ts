/**
 * Every command, subcommand, option and choice Discord shows carries Chinese for clients set to
 * 中文, within Discord's limits for localized names and descriptions.
 */
import { describe, expect, it } from 'vitest';
import { botCommands } from '../../src/discord/commands/index.js';
import { commandPaths } from '../../src/discord/commands/localize.js';
import { englishCommandWords } from '../../src/render/command-words.js';

interface Node {
  name: string;
  type?: number;
  description?: string;
  name_localizations?: Record<string, string>;
  description_localizations?: Record<string, string>;
  options?: Node[];
  choices?: { name: string; value: string | number; name_localizations?: Record<string, string> }[];
}

function nodes(data: Node): Node[] {
  return [data, ...(data.options ?? []).flatMap((o) => nodes(o))];
}

/** Discord's rule for chat-input command and option names, localized ones included. */
const chatInputName = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

describe('command localizations', () => {
  it('has zh-CN for every name, description and choice', () => {
    for (const command of botCommands) {
      const data = command.data as unknown as Node;
      for (const node of nodes(data)) {
        expect(node.name_localizations?.['zh-CN'], commandPaths(data)[0] + ' → ' + node.name).toBeTruthy();
        if (node.description !== undefined && node.description !== '') expect(node.description_localizations?.['zh-CN'], node.name).toBeTruthy();
        for (const choice of node.choices ?? []) expect(choice.name_localizations?.['zh-CN'], choice.name).toBeTruthy();
      }
    }
  });

  it('keeps within Discord limits: names 1-32 (chat input: letters, digits, - and _), descriptions 1-100', () => {
    for (const command of botCommands) {
      const data = command.data as unknown as Node;
      const chatInput = (data.type ?? 1) === 1;
      for (const node of nodes(data)) {
        const name = node.name_localizations!['zh-CN']!;
        expect(name.length).toBeLessThanOrEqual(32);
        if (chatInput) expect(name, name).toMatch(chatInputName);
        const description = node.description_localizations?.['zh-CN'];
        if (description !== undefined) expect(description.length).toBeGreaterThan(0), expect(description.length).toBeLessThanOrEqual(100);
        for (const choice of node.choices ?? []) expect(choice.name_localizations!['zh-CN']!.length).toBeLessThanOrEqual(100);
      }
    }
  });

  it('gives sibling options and subcommands distinct Chinese names', () => {
    for (const command of botCommands) {
      for (const node of nodes(command.data as unknown as Node)) {
        const names = (node.options ?? []).map((o) => o.name_localizations?.['zh-CN']);
        expect(new Set(names).size).toBe(names.length);
      }
    }
  });

  it('takes its English from the catalog too: every description and choice name is render\'s words for its path', () => {
    const visit = (node: Node, path: string): number => {
      let n = 0;
      if (node.description) expect(node.description, path).toBe(englishCommandWords(path)), n++;
      for (const choice of node.choices ?? []) expect(choice.name, path).toBe(englishCommandWords(`${path}:${choice.value}`)), n++;
      for (const o of node.options ?? []) n += visit(o, `${path}/${o.name}`);
      return n;
    };
    const checked = botCommands.reduce((n, c) => n + visit(c.data as unknown as Node, c.data.name), 0);
    expect(checked).toBeGreaterThanOrEqual(35);
    expect(() => englishCommandWords('explain/nonexistent')).toThrow(/explain\/nonexistent/);
  });

  it('leaves the English names the bot dispatches on unchanged', () => {
    expect(botCommands.map((c) => c.data.name)).toEqual(['explain', 'Explain async error', 'faq', 'faq-admin', 'stats', 'settings', 'forget-me']);
  });
});

import type { CliCommand } from '../command.js';
import { defaultKnowledgeDir, loadKnowledge } from '../../knowledge/load.js';

export const rulesCommand: CliCommand = {
  name: 'rules',
  async run(args, io) {
    const rules = loadKnowledge(defaultKnowledgeDir);
    if (args.includes('--json')) {
      io.stdout.write(JSON.stringify(rules.map((r) => ({ id: r.id, title: r.title, language: r.language, severity: r.severity, status: r.status }))) + '\n');
    } else {
      const width = Math.max(...rules.map((r) => r.id.length));
      io.stdout.write(rules.map((r) => `${r.id.padEnd(width)}  ${r.title}`).join('\n') + '\n');
    }
    return 0;
  },
};

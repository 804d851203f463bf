/**
 * Every CLI command, listed explicitly (reading a folder at run time breaks
 * between src/ and dist/). Add a command: one file in this folder, one line here.
 */
import type { CliCommand } from '../command.js';
import { explainCommand } from './explain.js';
import { batchCommand } from './batch.js';
import { rulesCommand } from './rules.js';
import { statsCommand } from './stats.js';
import { reviewCommand } from './review.js';
import { exportCommand } from './export.js';
import { forgetCommand } from './forget.js';
import { healthCommand } from './health.js';
import { startCommand } from './start.js';
import { consoleCommand } from './console.js';
import { deployCommandsCommand } from './deploy-commands.js';

export const commands: CliCommand[] = [explainCommand, batchCommand, rulesCommand, statsCommand, reviewCommand, exportCommand, forgetCommand, healthCommand, startCommand, consoleCommand, deployCommandsCommand];

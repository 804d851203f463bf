/**
 * Every CLI command, listed explicitly (reading a folder at run time breaks
 * between src/ and dist/). Add a command: one file in this folder, one line here.
 */
import type { CliCommand } from '../command.js';
import { explainCommand } from './explain.js';
import { batchCommand } from './batch.js';
import { rulesCommand } from './rules.js';

export const commands: CliCommand[] = [explainCommand, batchCommand, rulesCommand];

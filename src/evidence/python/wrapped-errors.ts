/**
 * discord.py wraps an error raised in a command or an extension in its own exception and writes
 * the original into the message: `CommandInvokeError: Command raised an exception: RuntimeError:
 * Cannot close a running event loop`. The original is the error the paste is about, so it is read
 * as one too, right after its wrapper, with the wrapper's frames.
 */
import type { RaisedError } from '../types.js';

/**
 * The wrappers' messages, from their sources: discord.py ext/commands/errors.py
 * (`CommandInvokeError`: "Command raised an exception: {cls}: {e}"; `ExtensionFailed`: "Extension
 * {name!r} raised an error: {cls}: {e}"), discord.py app_commands/errors.py ("Command {name!r}
 * raised an exception: …") and Pycord's `ApplicationCommandInvokeError` ("Application Command
 * raised an exception: …"). Bounded parts only: linear.
 */
const wrapper = /^(?:(?:Application )?Command(?: '[^'\n]{1,100}')? raised an exception|Extension '[^'\n]{1,200}' raised an error): ((?:[a-z_]\w{0,60}\.){0,8}[A-Z]\w{0,80}): ?(.*)$/;

/** The errors with each wrapped original added after its wrapper. */
export function unwrapDiscordPyErrors(errors: readonly RaisedError[]): RaisedError[] {
  const out: RaisedError[] = [];
  for (const e of errors) {
    out.push(e);
    if (!e.message.includes(' raised an ')) continue;
    const m = wrapper.exec(e.message);
    if (m) out.push({ ...e, type: m[1]!, message: m[2]!.trim(), language: 'python' });
  }
  return out;
}

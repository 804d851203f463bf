/**
 * The Node flags every diagnosis and batch worker starts with.
 *
 * piscina loads a worker file with `require()` first and falls back to `import()`. On Node
 * 20.19+ `require()` of an ES module succeeds, but a worker terminated while that synchronous
 * load is instantiating its module graph aborts the whole process ("FATAL ERROR:
 * v8::Module::IsGraphAsync ... must be used on an instantiated module"). That happens whenever
 * the pool is closed while a worker is still starting: `awaitbot console` answering one paste
 * and leaving, the bot shutting down, a stopped worker's replacement. Turning require(esm) off
 * in the workers sends piscina to `import()`, which a termination interrupts cleanly.
 *
 * Flags given to a worker replace the ones it would inherit from this thread, and a worker
 * refuses V8's and the process's own flags (`--expose-gc`, `--max-old-space-size`, which apply
 * to every thread already) and would run `-e`'s script again. So of this thread's flags only the
 * profilers' are passed on: `bench/serve.mjs --profile` starts the server with `--cpu-prof`, and
 * each worker then writes its own profile.
 */
const requireModuleOff = '--no-experimental-require-module';
const profilerFlag = /^--(?:cpu|heap)-prof(?:-(?:dir|name|interval))?(?:=|$)/;

export function workerExecArgv(): string[] {
  const flags: string[] = [];
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    if (!profilerFlag.test(args[i]!)) continue;
    flags.push(args[i]!);
    // `--cpu-prof-dir DIR`: the value is the next word.
    if (!args[i]!.includes('=') && /-(?:dir|name|interval)$/.test(args[i]!) && i + 1 < args.length) flags.push(args[++i]!);
  }
  // A Node without the flag has no require(esm) to turn off (and would refuse an unknown flag).
  if (process.allowedNodeEnvironmentFlags.has(requireModuleOff)) flags.push(requireModuleOff);
  return flags;
}

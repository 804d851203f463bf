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
 */
const requireModuleOff = '--no-experimental-require-module';

export function workerExecArgv(): string[] {
  const flags = process.execArgv.filter((f) => !/^--(no-)?experimental-require-module$/.test(f));
  // A Node without the flag has no require(esm) to turn off (and would refuse an unknown flag).
  if (process.allowedNodeEnvironmentFlags.has(requireModuleOff)) flags.push(requireModuleOff);
  return flags;
}

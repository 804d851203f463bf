/**
 * The paste an engine diagnoses once before its first real one: it loads the
 * TypeScript compiler and runs every snippet analyser, so no user's paste
 * pays for that loading (in a worker, against its budget; on the main thread,
 * as a stall of every other interaction).
 */
export const warmUpPaste = '```js\nasync function f() { g(); }\n```\n```py\nasync def f():\n    g()\n```';

/** The console's entry point, the only part of console/ other layers may import (`awaitbot console`, `awaitbot start` without a token). */
export { runConsole, type ConsoleIO, type ConsoleUser } from './console.js';

/** The binding rule ids (never reused or deleted): each must have its file in knowledge/. */
export const catalogIds = [
  'py/coroutine-never-awaited', 'py/coroutine-used-as-value', 'py/asyncio-run-nested', 'py/loop-already-running',
  'py/no-event-loop', 'py/await-outside-async', 'py/blocking-call-in-async', 'py/asyncio-api-version',
  'py/asyncio-not-imported', 'py/thread-unsafe-loop-access', 'py/different-loop', 'py/event-loop-closed',
  'py/task-destroyed-pending', 'py/task-exception-never-retrieved', 'py/coroutine-reused', 'py/await-non-awaitable',
  'py/coroutine-expected', 'py/get-event-loop-deprecated', 'py/async-iterator-misuse', 'py/async-context-manager-misuse',
  'py/taskgroup-exception-group', 'py/wait-for-timeout', 'py/discord-py-async-setup', 'py/aiohttp-session-misuse',
  // Second round, Python:
  'py/future-exception-never-retrieved', 'py/loop-stopped-before-future', 'py/django-sync-in-async',
  'py/sqlalchemy-missing-greenlet', 'py/pytest-async-not-run', 'py/sequential-awaits', 'py/playwright-sync-in-async', 'py/asyncpg-connection-shared', 'py/subprocess-on-selector-loop', 'py/add-reader-on-proactor-loop', 'py/discord-unknown-interaction',
  'js/unhandled-rejection', 'js/await-outside-async', 'js/promise-used-as-value', 'js/floating-promise',
  'js/async-foreach', 'js/await-in-loop', 'js/async-promise-executor', 'js/then-not-a-function',
  'js/return-without-await-in-try', 'js/blocking-call-in-async', 'js/discord-unknown-interaction',
  'js/discord-already-acknowledged',
  'js/mocha-done-with-async',
  'js/discord-interaction-not-replied',
  'js/mongoose-callback-removed',
  'js/await-non-promise',
  'js/unsettled-promise',
  'js/async-useeffect',
  'js/test-ends-before-async-work',
  'js/express-async-error',
] as const;

/** The ids catalog.md adds in its second round. */
export const secondRoundIds = [
] as const;

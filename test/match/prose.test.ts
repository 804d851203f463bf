/**
 * Questions asked in words get the rule they describe, as a likely match below the confidence at
 * which help-channel watching answers unasked; chat, output and off-topic questions get nothing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { confidentAt } from '../../src/app/answer-reply.js';
import { createEngine } from '../../src/engine.js';
import { questionLanguage, questionWords, stem, tokenize } from '../../src/match/prose.js';

const engine = await createEngine();
const best = (text: string) => engine.diagnose(text).matches[0] ?? null;

describe('a question asked in words', () => {
  it.each([
    ['my forEach with an async callback does not wait before the next line runs', 'js/async-foreach'],
    ['the bot freezes for everyone while one command does time.sleep, why?', 'py/blocking-call-in-async'],
    ['my async function returns a promise instead of the data, so the value is never there', 'js/promise-used-as-value'],
    ['how do I call asyncio.run inside a jupyter notebook cell? it complains', 'py/asyncio-run-nested'],
    ['in python I forgot to await an async function and nothing happens, no error at all', 'py/coroutine-never-awaited'],
    ['forEach 里面用 async await 为什么不等待？', 'js/async-foreach'],
    ['time.sleep 会阻塞事件循环吗？机器人卡住了', 'py/blocking-call-in-async'],
    // Word forms: "awaited", "blocks", "runs" meet the knowledge files' "await", "blocking", "run".
    ['I awaited the same coroutine twice and the second await fails', 'py/coroutine-reused'],
    // Node blocks its event loop too: readFileSync says which side, "event loop" does not.
    ['readFileSync in my request handler blocks the event loop for every request', 'js/blocking-call-in-async'],
    // An error named in a sentence, without its message, is a person's words.
    ['why does asyncio.wait_for raise CancelledError instead of TimeoutError', 'py/wait-for-timeout'],
    // Short, and half Chinese: still a question.
    ['当async/await遇上forEach', 'js/async-foreach'],
    // A PR title: its type label and the link's address are not the asker's words ("test", "expect").
    ['chore: stop using forEach with async callbacks, it does not wait ([docs](https://example.org/test/expect/assertion))', 'js/async-foreach'],
    ['perf: await inside a for loop makes every request wait for the previous one in node', 'js/await-in-loop'],
    // A rule's literal message quoted in a sentence makes it an async question.
    ['my slash command says "The application did not respond" after I query the database', 'js/discord-unknown-interaction'],
    // No async word at all, but one rule's own vocabulary fits it far better than any other's.
    ['Stop the process from crashing on unhandled rejections', 'js/unhandled-rejection'],
    ['Keep a strong reference so background tasks are not garbage collected before they finish', 'py/task-destroyed-pending'],
    // A library that exists only for asyncio makes it an async question, without the words "async" or "await".
    ['aiohttp response.json() gives me a weird object instead of the dict', 'py/coroutine-used-as-value'],
    // A Chinese paragraph: its particles and everyday pairs (的, 一个, 我们) say nothing about the mistake.
    ['我们在项目中调用异步函数，拿到的返回值是一个 Promise，而不是数据', 'js/promise-used-as-value'],
    // A line that starts with the word "at" is not a stack frame, and "the following error:" before a
    // screenshot is not an error line: both are a person's words.
    ['forEach with async callbacks lets the next line run too early\nat the very least I expected it to wait for each item', 'js/async-foreach'],
    ['every slash command shows the following error:\n![screenshot](https://example.org/shot.png)\nit happens when the command takes a while before it replies, should I deferReply?', 'js/discord-unknown-interaction'],
    // Symptoms in the asker's words: a promise "never resolving", an exception that "disappears".
    ['my never-resolving promise keeps the shutdown waiting', 'js/unsettled-promise'],
    ['an exception in my background task just disappears', 'py/task-exception-never-retrieved'],
    // asyncio's loop functions are async words on their own.
    ['Use new_event_loop instead of get_event_loop, it warns on Python 3.12', 'py/get-event-loop-deprecated'],
    ['the asyncio.Queue I created before asyncio.run crashes later', 'py/different-loop'],
    // A rule for one tool answers a question that names the tool.
    ['my jest test passes even though the assertion inside .then fails', 'js/test-ends-before-async-work'],
    ['my async route throws and express never calls the error handler, the request hangs', 'js/express-async-error'],
    // The async client in use, and the symptom of one job at a time named: still a blocking call.
    ['with aiohttp my bot downloads one video and cannot receive the next request at the same time until the download finishes', 'py/blocking-call-in-async'],
    // A call quoted awaited, in a question about a background task whose exception disappears: still the task's mistake.
    ['the exception raised in my background task just disappears, no error at all, even though the loop does await asyncio.sleep(5) between runs', 'py/task-exception-never-retrieved'],
    // Steps quoted awaited, and an assertion said to be left without its await: the mistake is named.
    ['my playwright test passes even when the assertion fails, I call await page.goto(url) then expect(page).toHaveURL(x) without await', 'js/test-ends-before-async-work'],
    // The value read inside a .then callback, and still a promise instead of the data: the mistake is shown.
    ['the value my async function returns is a promise instead of the data, even when I read it in getUser().then(user => console.log(user.name))', 'js/promise-used-as-value'],
    ['calling .then on the value my helper returns says it is not a function', 'js/then-not-a-function'],
    // Programming words without "async": references to tasks, unhandled rejections.
    ['Hold strong references to the tasks we spawn', 'py/task-destroyed-pending'],
    ['Prevent the worker from dying on unhandled rejections', 'js/unhandled-rejection'],
    // Answered twice, in the asker's words: "already deferred", then reply.
    ['my command deferred the interaction already and now reply throws, do I need editReply instead?', 'js/discord-already-acknowledged'],
    // The state the asker gives the interaction decides between the rules that share reply, deferReply and
    // editReply: one that "is deferred" was not left unanswered; one "not deferred or replied" was not answered twice.
    ['the interaction is always deferred at the top of the handler, so this reply() has to become editReply()', 'js/discord-already-acknowledged'],
    ['we call followUp when no interaction is deferred or replied yet and get a confusing error', 'js/discord-interaction-not-replied'],
    // Ruled out by the asker's own account, the rule is no rival even when it scores just below the best.
    ['when the interaction is passed in as a deferred reply, reply() throws an error saying it has already been deferred, so edit the reply instead', 'js/discord-already-acknowledged'],
    ['editReply fails because the interaction was never deferred or replied before it', 'js/discord-interaction-not-replied'],
    // No "async" or "await", but the one tool a rule is about, named in its own words.
    ['my cogs do not work since 2.0, their commands are missing', 'py/discord-py-async-setup'],
    ['the done callback in this mocha spec is redundant, drop it', 'js/mocha-done-with-async'],
    ['calling done is redundant in this spec so we need to remove it', 'js/mocha-done-with-async'],
    // The mistake said in words beside the scene: a task that stops the bot answering, a callback no longer accepted.
    ['my bot runs a long task and stops responding to other commands until it finishes', 'py/blocking-call-in-async'],
    ['mongoose dropped support for callbacks, how do I rewrite Model.find with a callback', 'js/mongoose-callback-removed'],
    // A promise turned into text is a promise used as its value; a test that passes without checking anything is a false positive.
    ['fix the template: some promises were not awaited, so the text shown was made by converting a promise object to string', 'js/promise-used-as-value'],
    ['jest: when the promise is not returned, the test is a false positive', 'js/test-ends-before-async-work'],
    ['when one task in my asyncio TaskGroup raises ValueError, my except ValueError block never catches it', 'py/taskgroup-exception-group'],
    // A settings block (a lint rule's id set to "error") is no code to answer from: the words around it describe the mistake.
    ['Proposal: enable no-await-in-loop in eslint\n\n```json\n{\n  "no-await-in-loop": "error",\n  "semi": "error"\n}\n```\n\neach loop iteration waits until the previous asynchronous operation completes', 'js/await-in-loop'],
    // A network exception beside a mistake the question states is still that mistake; a report beside a test passing anyway too.
    ['in python my coroutine was never awaited and then aiohttp raised ServerDisconnectedError', 'py/coroutine-never-awaited'],
    ['my jest test passes even though the assertion fails, the report shows it green', 'js/test-ends-before-async-work'],
    // An error said to stay unretrieved names the mistake, though the words of a task left to the garbage collector are there too.
    ['A job started in the background returns as soon as it starts and never awaits the task it created. When the job fails, the error stays unretrieved on that task and asyncio reports it once the task is garbage collected', 'py/task-exception-never-retrieved'],
    // The same in Chinese: an await followed by a blocking request call.
    ['代码中用了async方法和await，但是在await后面跟的又是阻塞的request请求，这样的话，这个await是不是并没有起到协程的作用呢？', 'py/blocking-call-in-async'],
    // A call named as code and said to be blocking: the blocking-call mistake in so many words, however short.
    ['open() is blocking. Use aiofiles when possible', 'py/blocking-call-in-async'],
    // `expect(…)` the assertion names a test as surely as the word "test".
    ['my expect() inside the promise callback never fails, the run ends before the promise resolves', 'js/test-ends-before-async-work'],
    // The words fit `.then` on a non-promise best, but the question never says "then": that rule steps aside.
    ['awaiting setTimeout makes reading the length property of undefined fail', 'js/await-non-promise'],
    // "block" the verb, in a sentence about commands, is the blocking-call symptom.
    ['one slow command blocks every other command until it completes', 'py/blocking-call-in-async'],
    // The remedy named together with the mistake it cures is still a question about the mistake.
    ['requests.get in my command blocks the whole bot, should I switch to aiohttp?', 'py/blocking-call-in-async'],
    ['my async tests are skipped even though pytest-asyncio is installed', 'py/pytest-async-not-run'],
    ['my aiohttp script complains that the loop was closed when it exits on windows', 'py/event-loop-closed'],
    // Jupyter runs a loop of its own in the main thread: a loop already running, not a thread without one.
    ['JupyterLab creates an event loop in the main thread, which keeps my notebook from running async functions', 'py/asyncio-run-nested'],
    ['in my jupyter notebook a worker thread says there is no current event loop in thread', 'py/no-event-loop'],
    // An API the question says is new in a Python version: which version has it, not how it behaves.
    ['switch from asyncio.timeout to asyncio.wait_for on python 3.10, asyncio.timeout was added in Python 3.11', 'py/asyncio-api-version'],
    ['drop asyncio.TaskGroup, it needs Python 3.11 and we still support 3.9', 'py/asyncio-api-version'],
    ['fix: asyncio has no attribute exceptions. Use asyncio.TimeoutError instead of asyncio.exceptions.TimeoutError', 'py/asyncio-api-version'],
    ['asyncio.wait_for raises CancelledError instead of TimeoutError when the timeout passes', 'py/wait-for-timeout'],
    ['with TaskGroup my except ValueError never runs, I get an ExceptionGroup', 'py/taskgroup-exception-group'],
    // A value the asker says is not a promise leaves no promise un-awaited: awaiting a non-promise, not a test
    // that ends before its promise; a test whose promise is there and not awaited is still that mistake.
    ["setTimeout is not 'promised' in node, so await setTimeout(1000) in my jest test does not wait", 'js/await-non-promise'],
    ["the jest test finishes before the helper's promise resolves, the helper is a promise but nobody awaits it in the test", 'js/test-ends-before-async-work'],
    ['my jest test passes before the promise settles because the test does not return the promise', 'js/test-ends-before-async-work'],
    // An await inside a promise being built is the async executor, said without the word "executor".
    ['do not use an async function inside a promise, errors thrown there are lost', 'js/async-promise-executor'],
    // React named without an effect is not an async effect; the effect named is, whatever else it says.
    ['the editor reports that the await does not do anything when placed in front of a setState function in React, but it does wait for the state change', 'js/await-non-promise'],
    ["my React component's async effect warns that it must return a cleanup function", 'js/async-useeffect'],
    // A rule about one tool, close behind the general rule, in a question that names the tool: the tool's rule.
    ["add missing await on promise assertions. If these statements aren't awaited, the promise has no impact on the test.", 'js/test-ends-before-async-work'],
    ['add the missing await on the save call, without it the promise is never awaited and errors are lost', 'js/floating-promise'],
    // "with" and "for" are stop words to retrieval, but `async with` and `async for` name different statements.
    ["Fix the docs example to use 'async with' instead of a plain 'with'", 'py/async-context-manager-misuse'],
    ['the docs example uses a plain for where it needs async for over the stream', 'py/async-iterator-misuse'],
    // An await the asker says is missing is not an await in the wrong place; one that is there still is.
    ['there are multiple awaits missing, for things like handleError when the function is in fact an async function', 'js/floating-promise'],
    ['my function uses await but it is not marked async, what does the error mean', 'js/await-outside-async'],
    // The network named, and a mistake of the question's own stated too: still ours.
    ['I forgot to await fetch behind the CORS proxy, so the promise is never awaited and its rejection is unhandled', 'js/floating-promise'],
    // Each rule's mechanism in the asker's words: a callback mongoose refuses, a timeout that expired, a version.
    ['mongoose 7 no longer accepts a callback in findOne, what do I use instead', 'js/mongoose-callback-removed'],
    ['my wait_for call times out every time on the slow server', 'py/wait-for-timeout'],
    ['python 3.8 says asyncio has no attribute to_thread', 'py/asyncio-api-version'],
    // A rule's own message quoted: the quote decides, not the scene it shares with other rules ("bot", "commands").
    ['My bot commands stopped working, each one now says "The application did not respond"', 'js/discord-unknown-interaction'],
    // A quoted message whose rule the question rules out is no evidence: the version question is still answered.
    ['BUG FIX: asyncio has no attribute exceptions, asyncio.exceptions.TimeoutError must become asyncio.TimeoutError', 'py/asyncio-api-version'],
    // A title that names the mistake in so many words is answered however few words it has.
    ['Fix an unawaited coroutine in the scheduler', 'py/coroutine-never-awaited'],
    ['missing await for `flush_queue()`', 'py/coroutine-never-awaited'],
    ['修复忘记带await的调用', 'py/coroutine-never-awaited'],
    // The mistake stated in the topic's own words ("asynchronous", "call", "await"): a rule whose tool the question
    // never names (React's effects) is no rival to it.
    ['the `persist()` async function call is not awaited in `setLabel`', 'js/floating-promise'],
    // An await said to be missing is no await given twice: the rule about reuse needs a second await, a retry, a cache.
    ['the coroutine is awaited twice when the retry loop runs again', 'py/coroutine-reused'],
    // The mistake stated in so many words counts for more than the scene's words (a bot, its commands, a shutdown),
    // in the ways people say an await was left out: "wasn't awaited", "needs to be awaited", "was forgotten".
    ["Fix the cleanup coroutine that wasn't awaited on shutdown", 'py/coroutine-never-awaited'],
    ['asyncio: `store.load_state()` needs to be awaited now that it is a coroutine', 'py/coroutine-never-awaited'],
    ['an await was accidentally forgotten in `refresh_token()`, so the coroutine never ran', 'py/coroutine-never-awaited'],
    ['the python bot calls channel.purge in several commands but the calls are not awaited', 'py/coroutine-never-awaited'],
    // An await said to have nothing to wait for: a value that is not a promise or a coroutine, "non-promise values".
    ['In node, `cache.get` is not a promise, so it does not need to be awaited', 'js/await-non-promise'],
    ['do not await non-promise values in the render helper', 'js/await-non-promise'],
    ['in python the reset_cooldown method is not a coroutine, so awaiting it raises', 'py/await-non-awaitable'],
    // Python's own modules by a dotted name and the libraries that exist only for asyncio say which language.
    ['Fix blocking `subprocess.run` in the worker', 'py/blocking-call-in-async'],
    // An await left out, in more of the ways people say it.
    ['in uasyncio a coroutine called rather than awaited does nothing', 'py/coroutine-never-awaited'],
    ['ensure the `flush()` coroutine is awaited before exit', 'py/coroutine-never-awaited'],
    // A title that tells to add an await ("Add an await before…", "fix: add await to…") says one was left out.
    ['Add an await before the mongoose save() promise so the write finishes', 'js/floating-promise'],
    ['fix: add await to the fetch promise in the node script', 'js/floating-promise'],
    // Adding one that did not help, told in a sentence, is no await left out: the value was no promise.
    ['Adding await to the setTimeout here gives cannot read property length of undefined in a loop', 'js/await-non-promise'],
    // A promise the question says it got for the value (printed, logged, returned instead of it) is that mistake stated.
    ['make sure the settings value is returned, not a promise', 'js/promise-used-as-value'],
    ['it logs Promise <> before the fetch finishes', 'js/promise-used-as-value'],
    // A promise returned by design and awaited, said in passing, is not one: the question is about something else.
    ['fetch returns a promise, so I await each one in the loop and it is slow', 'js/await-in-loop'],
    // The expired first answer asked about in Python (its library named): the Python rule, not discord.js's.
    ['my pycord slash command in python says "The application did not respond"', 'py/discord-unknown-interaction'],
    // A task nobody keeps, stated: no reference to it.
    ['asyncio.create_task with no reference in the poller', 'py/task-destroyed-pending'],
    // A statement wrapped across two lines is still the statement; a function passed for its call is a coroutine expected.
    ["Fix the cleanup coroutine that wasn't\nawaited on shutdown", 'py/coroutine-never-awaited'],
    ['uasyncio: create_task is called with a generator function instead of a\ngenerator', 'py/coroutine-expected'],
    // "Make sure to await", "ensure we await": an await that was left out, in a title that says to add it.
    ['remember to await the coroutine in the python handler', 'py/coroutine-never-awaited'],
    // An interaction said to be answered already is the double answer stated, with no async word in the question.
    ['Fixes the error with an interaction already deferred', 'js/discord-already-acknowledged'],
    // "non-awaited" is an await left out, not an await outside an async function.
    ['fix the non-awaited forEach in the importer', 'js/async-foreach'],
    // An await put where no async function is, stated; an await left out of an async handler is the other mistake.
    ['is there a way to use the await operator without the use of async, as in javascript?', 'js/await-outside-async'],
    ['in node the save() call in my async handler is called without await and errors vanish', 'js/floating-promise'],
    // `async with` named is the context-manager mistake stated, not an await in the wrong place.
    ['asyncio.Lock: use the `async with` statement, or `await lock.acquire()` and release it in finally; `with await lock` is a syntax error', 'py/async-context-manager-misuse'],
    // MDN's own note, which people quote: forEach expects a synchronous function.
    ['test: ensure for...of is used, forEach expects a synchronous function', 'js/async-foreach'],
    // pytest-asyncio's mode decides whether an unmarked async test runs: a question about it, with the plugin named, is one.
    ['Configure asyncio_mode = auto for pytest-asyncio so the async fixtures work', 'py/pytest-async-not-run'],
    ['没有 @pytest.mark.asyncio 的 async 测试根本不执行', 'py/pytest-async-not-run'],
    // The same question with its language named gets that language's form of the mistake.
    ['in node, awaiting each call one after another in the loop is sequential and slow, the requests could run concurrently', 'js/await-in-loop'],
    ['with asyncio, awaiting each call one after another in the loop is sequential and slow, the requests could run concurrently', 'py/sequential-awaits'],
    // A call said to block the event loop is the blocking mistake stated, whichever tool's call it is: not lazy loading
    // in SQLAlchemy's async session, the rule about the tool the question names.
    ['The app uses a sync SQLAlchemy session, and every database query blocks the event loop; we should move to AsyncSession and an async driver', 'py/blocking-call-in-async'],
    // A link to a linter rule's page cites the rule as a quote of its id would.
    ['we should refactor the loader so it follows the [eslint rule](https://eslint.org/docs/latest/rules/no-async-promise-executor)', 'js/async-promise-executor'],
    // A message quoted without its type and first word ("RuntimeError: This event loop is already running") is still the quote.
    ['the gunicorn workers fail with `Event loop is already running` when I call the client', 'py/loop-already-running'],
    // An async callback put in a forEach is the forEach mistake named, whatever the question says of order and
    // parallel runs; a forEach with no await put in it leaves those words to the loop that awaits one by one.
    ['in node, using async/await within a forEach() loop makes the events run in parallel and out of order instead of sequential', 'js/async-foreach'],
    ['in node I changed the for..of loop to a forEach, and each request no longer waits for the previous one to finish, they run in parallel now', 'js/await-in-loop'],
    // The mistake stated of code the question names needs only the word it shares with the rule.
    ['in python, cache.refresh_all needs to be awaited since 2.0', 'py/coroutine-never-awaited'],
    // The blocking requests library said to give way to an async client is the blocking call stated.
    ['requests → aiohttp migration for the scraper', 'py/blocking-call-in-async'],
    ['Replace the requests library with httpx in the async crawler', 'py/blocking-call-in-async'],
    // An order that does not matter is a reason to run them together.
    ['with asyncio, the order does not matter, so awaiting each request one after another in the loop is slow; run them concurrently', 'py/sequential-awaits'],
    // A context manager said to be used the wrong way is the mistake stated; one merely named is not (see the negatives).
    ["Remove unnecessary 'async with' usages around plain context managers in python", 'py/async-context-manager-misuse'],
    ['in python the async generator does not support the async context manager protocol', 'py/async-context-manager-misuse'],
    // The tool and its mistake together: an async effect (or the crash it ends in), a done beside a promise.
    ['my useEffect callback is async and React warns about the clean-up function', 'js/async-useeffect'],
    ['useEffect crashes on unmount with destory is not a function', 'js/async-useeffect'],
    ['mocha test with an async function that also calls done() fails', 'js/mocha-done-with-async'],
    ['in jest my test takes a done callback but also returns the promise chain, and it fails', 'js/mocha-done-with-async'],
    // A request that reports the blocking it suffers is still about it; a timeout that expires is the timeout's rule.
    ['Feature request: please add an async client to this python library, its time.sleep call blocks the event loop of my bot', 'py/blocking-call-in-async'],
    ['is there a non-blocking way to run these queries inside my fastapi async handler?', 'py/blocking-call-in-async'],
    ['my asyncio.wait_for keeps raising TimeoutError, the work takes too long', 'py/wait-for-timeout'],
    ['Catch asyncio.TimeoutError when the wait_for call times out', 'py/wait-for-timeout'],
    ['my useEffect returns a promise because its callback is async, and react warns on unmount', 'js/async-useeffect'],
    // A test said to lack its callback parameter cannot be one that takes done beside a promise: the test ended early.
    ['Two test functions were missing the callback parameter, so mocha did not know to run these tests asynchronously and their assertions were never executed', 'js/test-ends-before-async-work'],
  ])('%s', (text, rule) => {
    const m = best(text);
    expect(m?.rule.id).toBe(rule);
    expect(m?.likely).toBe(true);
    // Never sure enough to be posted unasked in a watched channel.
    expect(m!.confidence).toBeGreaterThanOrEqual(0.5);
    expect(m!.confidence).toBeLessThan(confidentAt);
  });

  it.each([
    ['plain chat', 'hey everyone, anyone up for a game tonight? I will bring snacks'],
    ['a question about something else', 'how do I center a div with flexbox in my page layout please'],
    ['an error line in prose is answered from the error, not the words', 'Crash: Improper token has been passed. I need help with my bot task'],
    ['a CORS message', 'Access to fetch at https://api.example.org has been blocked by CORS policy: No Access-Control-Allow-Origin header'],
    ['a question with a code block', 'why does this hang?\n```python\nimport os\nprint(os.getcwd())\nx = 1\n```'],
    ['printed objects (a memory address) are program output', '<discord.ext.commands.bot.Bot object at 0x7f3a2c1d5e80> the bot object hangs after the event loop starts'],
    ['a quoted error line that no rule knows', 'I get ImportError: cannot import name utils from my async bot module'],
    // Everyday words that are async words only in a technical sentence.
    ['chat that promises', 'I promise I will finish the task list before the meeting tomorrow'],
    ['chat about sleep', 'my cat keeps sleeping on my keyboard while I work'],
    ['chat about a freeze', 'the game freezes when I open the inventory, is it my graphics card?'],
    ['chat about a thread', 'my thread on the forum got locked, who can unlock it?'],
    ['chat about hanging', 'my laptop fan hangs at full speed after I close the lid'],
    ['a loop that is not an event loop', 'how do I loop over a dictionary in python and print the keys and values'],
    ['a callback that is not async', 'can I use a callback function to sort a list in python with key='],
    ['chat that names python', 'what does the future hold for the python community, any thoughts?'],
    ['a phone app, not a program', 'my phone freezes every time I open the camera app'],
    ['one line of correct code, no words', 'const x = await fetchUser(id); console.log(x.name)'],
    ['a server that did not respond', 'the server did not respond to my ping, is the website down?'],
    ['an install question about an async library', 'how do I install aiohttp on windows'],
    ['a CORS message, no async word', "Access to XMLHttpRequest at 'https://api.example.org/v2/rates' from origin 'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource."],
    ['a version question about an async library', 'which version of aiohttp supports python 3.12'],
    ['events in a loop, not an event loop', 'I looped over the event list and printed each event'],
    // A real stack frame is still program output.
    ['a question quoting a stack frame', 'why does this fail\nat Object.<anonymous> (/app/index.js:3:9)'],
    // The cause is on the other end of the connection: a slow API, a rate limit.
    ['a remote API that times out', 'the request to the payment API times out after 30 seconds, how do I raise the timeout in aiohttp'],
    ['a rate limit', 'my bot hits a 429 rate limit when it sends many messages in a loop'],
    // A rule about tests answers only a question about a test.
    ['waiting in a tool that is not a test', 'Wait for the previous step does not work after an asynchronous function in my workflow builder'],
    // Express 5 hands a rejected handler's error to next() itself: the Express 4 mistake cannot happen there.
    ['an Express 5 API question', 'in Express 5 can my async route handler just return the response instead of calling res.send?'],
    // Only the scene in common with a rule (a bot, a command, Discord): no mistake is named.
    ['the scene without a symptom', 'the bot works for one command on discord, then I have to restart it'],
    // The rule's remedy already in use, and no sign of its mistake: the cause is elsewhere.
    ['asyncio.sleep already in use', "Webhook isn't running async? My bot handler uses asyncio.sleep(10) to delete a message after 10 seconds. With polling every message is deleted on time, with the webhook the bot processes them one by one, one second after another"],
    ['a tool asked to support async tests', 'it would be nice if the type-checking plugin supported async def test cases, as pytest-asyncio does'],
    // Old browsers run JavaScript: a transpiling question, never Python's asyncio version table, and no async mistake.
    ['async functions in an old browser', 'async await functions are not working in IE11 any more after the upgrade to the new version'],
    // The words every async question shares (async, await, function, promise) name no mistake of their own.
    ['only the words of the topic', 'async await functions are not working any more after the upgrade to the new version'],
    // asyncio.wait returns its pending tasks on a timeout; nothing expired the way wait_for's timeout does.
    ['asyncio.wait on a timeout', 'asyncio.wait does not raise TimeoutError when the timeout passes, the pending set is just returned'],
    // Closing loops on purpose is not using one after it was closed.
    ['advice to close loops', 'close the event loops we create so they do not leak sockets on windows'],
    // Reasons to await one after another are not a wish to run awaits together.
    ['gather is slower', 'asyncio.gather has a large overhead compared with awaiting the calls one by one'],
    ['gather races', 'replace asyncio.gather with sequential awaits, the concurrent commands cause race conditions'],
    // An order to keep is a reason to await one after another, not a wish to run the awaits together.
    ['messages to keep in order, in node', 'in node, awaiting is not enough, add a pause after each message in the loop so the messages are sent in the correct order'],
    ['messages to keep in order, with asyncio', 'with asyncio, the send in each loop iteration is awaited one after another so the messages keep their order'],
    // No promise being built (no constructor, executor, resolve or reject): not the async executor.
    ['an error thrown in a promise catch', 'node silently exits when an error is thrown in a promise catch'],
    // A cause on the other end by name (CORS) is not outweighed by an `await` quoted in passing: it awaits correctly.
    ['a CORS block on an awaited fetch', 'my custom JS function does await fetch(url) and the browser blocks the call with a CORS error'],
    // A rule whose mechanism the question never names steps aside: a renamed mongoose method is no callback,
    // a timeout setting is no expired timeout, a timeout helper's overhead names no Python version.
    ['a renamed mongoose method', 'mongoose 3.8 removed execFind(), replaced by exec() in my queries'],
    ['a timeout helper swapped for speed', 'switch our timeouts to async_timeout, asyncio.wait_for has too much overhead'],
    ['a default timeout too short', 'the default timeout of the httpx AsyncClient is too short for our slow host'],
    // "then" the adverb is any sentence's word: without an async word, data "not shown" is no promise used as its value.
    ['"then" the adverb', 'I load the data with axios for a test and then give it to the table, but the table does not show the result'],
    // The words of every slash command (interaction, reply) name no interaction mistake.
    ['only the scene of a slash command', 'why is the value of await interaction.reply() undefined in my discord bot'],
    ["a slash command's reply value", "my slash command's interaction.reply() does not return the message object, so the bot cannot react to it"],
    // `async def` is the scene of every Python bot, as `async function` is of every JavaScript one: no mistake named.
    ['only the scene of a Python bot', 'when my bot code has an async def on_message event, none of the commands work'],
    // The value read where it is, inside a .then callback, with nothing of a promise taken for its value: why the callback does not run is another question.
    ['a value read inside .then', 'console.log does not print inside the promise then callback in the browser: Promise.resolve(5).then(x => console.log("val:" + x)) prints in node but not in the page'],
    // Every step quoted awaited, nothing said of a test that ends early: a flaky selector is another question.
    ['a flaky test that awaits its steps', 'my playwright tests randomly fail with cannot locate element. I already use await page.waitForSelector(".row") before each click and expect(...).toBeVisible(), some tests pass sometimes and fail other times'],
    // Its one call awaited where it stands, no task or future named: "nothing happens, no error" has no exception left unretrieved.
    ['an awaited send that does nothing', 'channel.send does not work. It throws no errors, no output, nothing happens and the message is not sent. Code: await bot.get_channel(917800737659039754).send("Listening!")'],
    // The async client in use and "the requests" the plural noun, not the requests library: a timeout question, no blocking call.
    ['an async client whose timeout seems ignored', 'timeout not working in AsyncClient\n\nI create an AsyncClient with async with httpx.AsyncClient(proxies=proxies, timeout=2.0) as client, then send a request with res = await client.get(url) and print time.time() around it. Sometimes the requests take more than 2s'],
    // A library asked to add async with support: nobody can misuse what it does not offer yet.
    ['a request for async context manager support', 'Add methods for using as async context manager\n\nNow we have to use a plain `with timeout():` statement; people ask why `with` instead of `async with`.'],
    ['a .then that works, asked to do more', 'it would be nice to handle promises returned to a .then given method in this library'],
    // A message of discord.js's rule quoted in a question about Python: the quote is no evidence for another language.
    ['a discord.js message in a Python question about something else', 'my pycord bot in python logs "DiscordAPIError[10062]" when I run the node script next to it'],
    // Named in so many words but in neither language: the twin rules tie, and which fix to give would be a coin flip.
    ['a forgotten await, no language', 'Fix an unawaited promise'],
    ['only the words of the mistake', 'missing await'],
    ["a call that wasn't awaited, no language", "Fix a call that wasn't awaited"],
    ['an await said to be needless, no language', 'this call does not need to be awaited'],
    // "Does not need to be awaited" is no await left out; "remove the await from the loop" names nothing that cannot be awaited.
    ['an await said to be needless, named no value', 'in python this call does not need to be awaited'],
    ['an await moved out of a loop', 'remove the await from the loop so the requests run together'],
    ['something else forgotten', 'the package was accidentally forgotten at the station'],
    // An API that moved from callbacks to promises: no promise used as a value.
    ['a callback API that now returns promises', 'since v5 the client returns a promise instead of taking a callback, how do I migrate?'],
    // Top-level await in an ES module is valid: said with no error or failure, it is no await outside an async function.
    ['top-level await in an ES module', 'Node 14.8 supports top-level await in ES modules, nice'],
    ['top-level await in an ESM script', 'This PR uses top-level await in the ESM build script'],
    // "Await" the English verb, of people and replies: no statement about code, however it is worded.
    ['the verb await, of a person', 'I forgot to await my friend at the airport'],
    ['the verb await, of a reply', "don't worry, no need to await my reply"],
    // A reference kept to a thread is no task left to the garbage collector.
    ['docs without a reference to an API', 'the asyncio docs have no references to TaskGroup yet'],
    ['a reference kept to a thread', 'in python I keep a reference to the thread and join it later'],
    ['parentheses in prose', 'the docs read better without the parentheses around the example'],
    ['something else to make sure of', 'make sure the session is closed and the token refreshed'],
    // One mistake, both languages' forms about equally, no language named: which fix to give would be a coin flip.
    // Modal verbs say nothing of the mistake: left in, "should" and "may" tipped a question naming neither language
    // towards the Python rule whose summary happens to use them.
    ['a twin tie decided by modal verbs', 'The provided code appears to use the await keyword without being within an async function. Code using await should be enclosed within an async function, the code may lead to unexpected behavior.'],
    ['a twin tie with no language', 'awaiting each call one after another in the loop is sequential and slow, the requests could run concurrently'],
    // The remedy said not to block the loop: the question is about something else.
    ['the remedy said not to block', 'awaiting asyncio.sleep does not block the event loop, so why is my websocket closed after 60 seconds?'],
    // A quote too short to be one message ("is not a function" ends many), and a link to a rule no async mistake breaks.
    ['a short quote', 'my page shows "is not a function" sometimes after the upgrade'],
    ['a link to another lint rule', 'the docs link to https://eslint.org/docs/latest/rules/no-unused-vars for the style guide'],
    // The statement with no code named needs the words a question shares with the rule, as before.
    ['an await said to be needed, no code named', 'in python this needs to be awaited now'],
    // "requests" the plural noun, next to an async client, swaps no library.
    ['requests sent to an aiohttp server', 'my bot sends requests to aiohttp web server and the answer is always empty'],
    ['requests made with aiohttp', 'making requests with aiohttp in the cog'],
    ['requests counted', 'aiohttp handles more requests per second than flask, over the requests it gets'],
    // "done" the adjective, near a call, is no callback.
    ['done, the adjective', 'I am done calling the API for today'],
    // The rule's subject named, nothing said to go wrong with it.
    ['an async context manager named', 'in python, what does async with do for an async context manager?'],
    ['a session closed by an async context manager', 'the asyncio docs show the session used as an async context manager, is that the only way to close it?'],
    ['an array map named', 'in node, is return await inside an Array.prototype.map() callback an antipattern?'],
    ['return await in a map, a style note', 'in node, the docs page on async and await with Array.prototype.map() uses return await, which is not recommended since it creates extra promises'],
    // A callback API removed elsewhere is not mongoose's: the rule needs mongoose named or shown.
    ['a callback that no longer fires', 'in node, the callback I pass to the library no longer fires after the upgrade'],
    ['another SDK that dropped callbacks', 'in node the sdk no longer accepts a callback after the upgrade to v3'],
    // "a version" of something else is no Python version; gather or a TaskGroup chosen, no awaits said to run one by one;
    // AsyncSession as the goal of a migration, nothing lazily loaded; a modal, the scene of an interaction; a for loop
    // in a technical sentence, no async word.
    ['an async version of a client', 'Feature request: add an async version of the client'],
    ['one remedy for another', 'Use asyncio.TaskGroup instead of gather in the crawler'],
    ['a migration to AsyncSession', 'Convert the sync SQLAlchemy session to AsyncSession'],
    ['a modal and its options', 'the interaction options are empty when I use a modal in discord.js'],
    ['a for loop in python', 'why does my for loop print the same value three times in python?'],
    // A test runner or a web framework named, nothing said to go wrong the way the rule's mistake does.
    ['how to test async code with jest', 'how to write unit tests for an async function with jest?'],
    ['an express 404', 'My express server returns 404 for every route after the upgrade'],
    // "Expected" the English verb of every bug report is no `expect(…)` assertion: no test is named.
    // Filler words ("only", "one time", "runs the command") and a rule's scene (tasks executing; mongoose, its queries and a
    // callback) name no mistake: nothing is said to freeze, block, or no longer be accepted.
    ['filler words around wait_for', 'wait_for does not call my check function: the bot runs the command only one time and nothing is printed'],
    ['tasks executing, a roadmap', 'This ticket is for accepting a task that is a coroutine, and another one for executing the async tasks in parallel'],
    ['a mongoose callback named', 'in node, mongoose: the connection errors never reach my query callback'],
    // A string turned into a promise is no promise used as text; a false positive with no test named is a linter's.
    ['a string made a promise', 'in node I convert the string to a promise with Promise.resolve before I await it, is that needed?'],
    ['a linter false positive', 'the linter reports a false positive on my async function in node'],
    // A lint rule switched on in a settings block is the file's word, not a mistake the asker describes.
    ['a lint rule in a settings block', 'our eslint settings:\n\n```json\n{\n  "no-await-in-loop": "error",\n  "semi": "error"\n}\n```\n\nshould we also sort the keys alphabetically in async code?'],
    // An HTTP client's network exception by name (httpx's ConnectTimeout) puts the cause on the other end of the connection;
    // a test run's report is the test runner's scene, nothing said to end too early.
    ['a connect timeout', 'the default timeout of httpx.AsyncClient is too short inside our container:\n`async with httpx.AsyncClient() as client:` ends with ConnectTimeout, requests.get works'],
    ['a test report', 'Reduced playwright test flakiness in node, and added a script that opens the HTML report after the test run'],
    ['a record never retrieved', 'in python the user record was never retrieved from the database, the error page shows nothing'],
    ['a library asked about, in Chinese', '这个库是同步的吗？我在 python 里调用它'],
    // Blocking said of something that is not a call, or a call said not to block.
    ['a firewall that blocks', 'in my bot the firewall is blocking the port the server uses'],
    ['a call said to be non-blocking', 'in python, asyncio.sleep() is non-blocking, right?'],
    ['a TaskGroup that should cancel', 'Structured concurrency: our TaskGroup only waits for its tasks. When one of them raises an exception, it should cancel the other tasks and raise it again'],
    ['a promise a bug report expected to settle', 'ipcRenderer.invoke promise never enters then\n### Expected Behavior\nI expected the invoke to end every time, after a few clicks it does not, I try to debug it'],
    // A tool's rule needs its mistake, not only the tool: useEffect with nothing async, done with no promise beside it.
    ['a useEffect that returns a number', 'useEffect warning\n\nI get "useEffect must not return anything besides a function, which is used for clean-up. You returned: 1" when my effect animates the letters'],
    ['a typing fix to useEffect', 'Fixed the return type of useEffect\n\nEffects should only return a cleanup function or nothing.'],
    ['a React hook renamed', 'rename the useEffect hook in the header component and move its clean-up next to it'],
    ['a done callback in error handling', 'Change done() in the error handling to the callback. done(err) is a callback and should not be returned.'],
    ['a mocha reporter', 'mocha: the spec reporter prints the done tests twice when a hook fails'],
    // A request whose only "blocking" is the one it wants to avoid; a timeout said never to fire is not one that expired.
    ['a wish not to block', 'Feature request: asyncio support. It would be nice to acquire the lock with async with, so that we are not blocking while waiting for it'],
    ['a timeout that never fires', 'in python my asyncio.wait_for with timeout=30 still does not work, the program keeps waiting and will not raise an exception'],
    ['a wait that never ends', 'the timeout of asyncio.wait_for never fires, my coroutine waits forever'],
    // A timeout that is not asyncio's (a library's own wait), and wait_for said not to cancel: not a timeout that expired.
    ['another library\'s timeout', 'Raise proper exception on process.wait timeout'],
    ['a wait method\'s own timeout', 'Raise an exception explicitly when the timeout is exceeded in the wait method'],
    ['wait_for said not to cancel', 'asyncio.wait_for is not actually cancelling the underlying coroutine when the timeout is reached'],
    // An effect said to return null returned no promise; and "effect" alone is not the "no effect" of an await.
    ['an effect that returns null', 'Only call destroy when the effect returns a function: when I return null from useEffect, react throws an error as the component unmounts'],
    ['a linter crash about a test without its callback', "Fix TypeError when mocha test doesn't include callback argument"],
  ])('%s gets no likely match', (_, text) => {
    expect(engine.diagnose(text).matches.filter((m) => m.likely)).toEqual([]);
  });

  it("gives no likely answer to a help channel's ordinary chat, async small talk included", () => {
    // Held-out chat (also used by the FAQ trigger tests), not written for this matcher.
    const chat = readFileSync(new URL('../fixtures/ordinary-chat.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'));
    expect(chat.length).toBeGreaterThan(50);
    expect(chat.filter((line) => engine.diagnose(line).matches.some((m) => m.likely))).toEqual([]);
  });

  it('marks a likely match in the JSON and text replies', async () => {
    const { diagnosisToJson } = await import('../../src/render/json.js');
    const { renderMatchText } = await import('../../src/render/text.js');
    const d = engine.diagnose('my forEach with an async callback does not wait before the next line runs');
    expect(diagnosisToJson(d).matches[0]?.likely).toBe(true);
    expect(renderMatchText(d.matches[0]!, 0)).toContain('likely match, from your description');
  });
});

describe("a question that shows a rule's scene but not its mistake", () => {
  /** A real paste from the corpus, verbatim (corpus/*.jsonl): the words people really use, not ones written to fit. */
  const paste = (id: string): string => {
    const file = new URL(`../../corpus/${id.slice(0, id.lastIndexOf('-'))}.jsonl`, import.meta.url);
    const found = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.includes(id))
      .map((l) => JSON.parse(l) as { id: string; text: string })
      .find((c) => c.id === id);
    return found!.text;
  };
  it.each([
    // Tasks in an asyncio thread, coroutines under gather: the blocking rule's scene, nothing blocked or frozen.
    ['tasks that should share row objects', paste('blind-11-42')],
    ['a proposal for gather to cancel its children', paste('blind-11-216')],
    // Tests named ("we don't have unit tests yet"), none said to be skipped or not run.
    ['a database driver swapped', paste('blind-11-152')],
    ['a database driver swapped, in other words', 'Use motor instead of pymongo\n\nThe api.db module uses pymongo to access the database. An alternative would be motor, which supports asynchronous queries. Steps: install motor, run the same queries, check it still works (we have no unit tests yet).'],
    // A bot builder's action named "Await Response": no task, future or lost error.
    ['an action named Await Response', paste('blind-12-117')],
  ])('%s gets no likely match', (_, text) => {
    expect(engine.diagnose(text).matches.filter((m) => m.likely)).toEqual([]);
  });

  it.each([
    ['my asyncio tasks run a heavy cpu loop for 5 seconds each and the bot stops responding', 'py/blocking-call-in-async'],
    ['the pytest run shows my async def test functions as passed but they never actually run', 'py/pytest-async-not-run'],
    ['the error raised inside my asyncio task is never shown anywhere', 'py/task-exception-never-retrieved'],
  ])('%s', (text, rule) => {
    const m = best(text);
    expect(m?.rule.id).toBe(rule);
    expect(m?.likely).toBe(true);
  });
});

describe('a request, a proposal, a how-to or a docs change', () => {
  // It names a rule's topic (async iterators, useEffect, pytest's async tests, a TimeoutError) and says nothing went wrong:
  // the topic is what is asked for. Each of these got a likely answer before.
  it.each([
    ['a wish for async iterators', 'It would be nice if the library supported async iterators over the results, like async for row in cursor'],
    ['a how-to about gather', 'How to use asyncio.gather with a semaphore to limit concurrency in python?'],
    ['a README change', 'Update the README: the example of useEffect with an async fetch uses an old React version'],
    ['a design question', 'Is it by design that asyncio.TimeoutError is raised as a class in python?'],
    ["a PR about a project's own fixtures", 'This PR refactors the event loop policy handling in our python test fixtures. Fixes #412'],
    ['a feature request for async tests', 'Feature request: please add an option for async tests in pytest'],
    ['a wish for async effects, in Chinese', '希望 useEffect 能直接支持 async 函数，react 官方有计划吗'],
    ['a docs suggestion, in Chinese', '建议在文档里加一个 forEach 和 for...of 配合 await 的对比示例'],
    ['a request for an example, in Chinese', '请添加 Promise.all 并发执行的示例，node 里 await 循环的写法'],
    // "Is X supported?", plans, the recommended way, an issue's own label: asked about, nothing said to go wrong.
    ['is it supported', 'Is async for over a cursor supported? in python'],
    ['plans for async effects', 'Are there plans for an async version of useEffect in react?'],
    ['a labelled question', 'Question: await in a for loop or Promise.all in node?'],
    ['a labelled feature', '[Feature] async iterators over the query results in python'],
    ['plans, in Chinese', '有没有计划支持 async 版本的 useEffect？react'],
    ['the recommended way, in Chinese', 'react 里 useEffect 配合 async 的推荐写法是什么'],
    ['best practice, in Chinese', 'node 里 Promise.all 并发请求的最佳实践？'],
    // Release notes list what changed; nothing is said to go wrong.
    ['release notes', "## What's Changed\n* useEffect cleanup runs before the async effect in react\n* Promise.all for the uploads in node"],
    ["a changelog's Added section", 'Release notes v2.4.0\n\n### Added\n- async iterator over the pages of results in python'],
    ['a changelog, in Chinese', '更新日志：forEach 改成 for...of 配合 await，node 版本要求 14'],
    // Which of two to use, and when: a docs question, nothing said to go wrong.
    ['when to use Promise.all', 'When should I use Promise.all instead of await in a for loop in node?'],
    ['when to use Promise.all, in Chinese', '什么时候用 Promise.all，什么时候在循环里 await？node'],
  ])('%s gets no likely match', (_, text) => {
    expect(engine.diagnose(text).matches.filter((m) => m.likely)).toEqual([]);
  });

  // The same shapes with the mistake or its symptom stated are still answered.
  it.each([
    ['a warning asked for, the freeze stated', 'Please add a warning: in python, time.sleep inside an async def freezes the whole bot', 'py/blocking-call-in-async'],
    ['a docs fix, the coroutine never awaited', 'Could you make the example await the coroutine? As written it never gets awaited and nothing runs', 'py/coroutine-never-awaited'],
    ['a how-to, the loop not waiting', 'How do I fix my forEach with async callbacks? It does not wait and the loop finishes first', 'js/async-foreach'],
    ['a docs wish, the loop not waiting, in Chinese', '希望文档说明一下：forEach 里用 await 不会等待，循环直接结束了', 'js/async-foreach'],
    ['a how-to, the loop blocked, in Chinese', '如何解决 time.sleep 阻塞事件循环，机器人卡住不响应', 'py/blocking-call-in-async'],
    ['is there a way, the loop not waiting, in Chinese', '有没有办法让 forEach 等待 await？它现在不会等待', 'js/async-foreach'],
    // A question about doing the very thing the mistake is: the wrong action stated, even as a question.
    ['can I sleep in an async def', 'Can I use time.sleep in an async def in python?', 'py/blocking-call-in-async'],
    ['can I pass an async effect', 'Can I pass an async function to useEffect in react?', 'js/async-useeffect'],
    ['can I nest asyncio.run', 'Can I call asyncio.run inside a running event loop in python?', 'py/asyncio-run-nested'],
    ['how to write an async executor', 'How do I use async with a Promise executor in node?', 'js/async-promise-executor'],
    ['how to sleep in an async def, in Chinese', '如何在 async def 里用 time.sleep？python', 'py/blocking-call-in-async'],
    ['how to pass an async effect, in Chinese', '如何在 useEffect 里直接传 async 函数？react', 'js/async-useeffect'],
    ['release notes stating the bug fixed', 'Release notes: the forEach with an async callback did not wait and the loop finished first, fixed in node', 'js/async-foreach'],
    ['when to use Promise.all, the awaits stated to run one after another', 'When should I use Promise.all? In node my await in a for loop runs the requests one after another', 'js/await-in-loop'],
    ['does it still block, the freeze stated', 'Does the python client still block the event loop? It freezes my bot', 'py/blocking-call-in-async'],
    // "Does not support" states a failure, it asks for nothing.
    ['a loop that does not support subprocesses', 'NotImplementedError from asyncio.create_subprocess_exec on Windows: the SelectorEventLoop does not support subprocesses in python', 'py/subprocess-on-selector-loop'],
    // "never gets awaited" is a missing await like "never awaited"; a callback "no longer accepted" by findById is mongoose's.
    // Awaiting again, said as "re-await": a coroutine reused, not a value that cannot be awaited at all.
    ['a future not re-awaitable', 'futures are not re-awaitable in python', 'py/coroutine-reused'],
    ['a coroutine that never gets awaited', 'I spotted a possible bug: this instantiates a coroutine that never gets awaited, so the function never runs in python', 'py/coroutine-never-awaited'],
    ['findById and callbacks', 'Updated the findById call to use async/await, mongoose no longer accepts callbacks there', 'js/mongoose-callback-removed'],
  ])('%s is answered', (_, text, rule) => {
    expect(best(text)?.rule.id).toBe(rule);
  });
});

describe('tokenising for retrieval', () => {
  it('splits Chinese runs into overlapping pairs and keeps Latin words', () => {
    expect(tokenize('forEach里用async不等待')).toEqual(['foreach', '里用', 'async', '不等', '等待']);
  });

  it('drops stop words and single letters', () => {
    expect(tokenize('it should work and it may fail, or it might')).toEqual(['fail']);
    expect(tokenize('Why is my loop a problem')).toEqual(['loop', 'problem']);
    // The tails of "I've", "we'll", "they're" are not words.
    expect(tokenize("I've seen we'll they're")).toEqual(['seen']);
  });

  it('meets word forms at one stem, and leaves names and short words alone', () => {
    for (const forms of [
      ['await', 'awaits', 'awaited', 'awaiting'],
      ['blocking', 'blocks', 'blocked', 'block'],
      ['freeze', 'freezes', 'freezing'],
      ['promise', 'promises'],
      ['run', 'runs', 'running'],
      ['stop', 'stopped', 'stops'],
      // A three-letter root keeps its double letter: `added` is `add`, not `ad`.
      ['add', 'added', 'adding'],
      ['reply', 'replies'],
    ]) expect(new Set(forms.map(stem)), forms.join(' ')).toEqual(new Set([stem(forms[0]!)]));
    expect(stem('string')).toBe('string');
    expect(stem('asyncio')).toBe('asyncio');
    expect(stem('create_task')).toBe('create_task');
    expect(stem('process')).toBe('process');
  });

  it('keeps `.then` the method and drops "then" the adverb', () => {
    expect(tokenize('save().then is not a function')).toContain('then');
    expect(tokenize('then it crashed')).not.toContain('then');
  });

  it('drops Chinese particles and everyday pairs, keeping the words of the question', () => {
    const terms = tokenize('获取异步请求的返回值，这是一个问题');
    expect(terms).toEqual(expect.arrayContaining(['异步', '请求', '返回', '回值']));
    for (const noise of ['的返', '求的', '一个', '这是']) expect(terms).not.toContain(noise);
  });

  it('keeps "re-await" one term, apart from the awaitable of a value that cannot be awaited', () => {
    expect(tokenize('futures are not re-awaitable')).toContain('reawait');
    expect(tokenize('the value is not awaitable')).not.toContain('reawait');
  });

  it('keeps "event loop" one term, apart from the loop of a for statement', () => {
    expect(tokenize('the event loop is blocked')).toEqual(tokenize('the event-loop is blocked'));
    expect(tokenize('the event loop is blocked')).not.toContain('loop');
    expect(tokenize('await inside a loop')).toContain('loop');
  });

  it('splits a Latin name from the Japanese or Korean written against it', () => {
    expect(tokenize('requestsからaiohttpへの移行')).toEqual(expect.arrayContaining(['request', 'aiohttp', '移行']));
    expect(tokenize('몽고DB 콜백함수')).toContain('db');
  });

  it('keeps "block" the noun and "the second" the ordinal apart from the verb and the duration', () => {
    for (const noun of ['the code in the try block', 'the `sleep()` block', 'a sleep block', 'inside the with lock: block', 'this block runs'])
      expect(tokenize(noun)).not.toContain('block');
    for (const verb of ['it will block the event loop', 'sync calls block the loop', 'they could block', 'pass block=False']) expect(tokenize(verb)).toContain('block');
    expect(tokenize('This is the second step')).not.toContain('second');
    expect(tokenize('the reply has to come within 3 seconds')).toContain('second');
    expect(tokenize('wait a second')).toContain('second');
  });

  it("keeps a linter rule's id from a link to its page", () => {
    expect(questionWords('see [the docs](https://eslint.org/docs/latest/rules/no-async-promise-executor )')).toContain('no-async-promise-executor');
    expect(questionWords('https://typescript-eslint.io/rules/no-floating-promises/')).toContain('no-floating-promises');
    expect(questionWords('https://docs.astral.sh/ruff/rules/blocking-sleep-in-async-function/')).toContain('blocking-sleep-in-async-function');
    expect(questionWords('see https://example.org/rules/no-async-promise-executor')).not.toContain('no-async-promise-executor');
  });

  it('reads coro as coroutine', () => {
    expect(tokenize('the coro never runs')).toEqual(tokenize('the coroutine never runs'));
  });

  it("leaves out a link's address and a commit title's type label", () => {
    expect(questionWords('test: see [the docs](https://example.org/a/b) and https://example.org/c')).toBe('see [the docs]  and  ');
    expect(questionWords('fix(core): forEach does not wait')).toBe('forEach does not wait');
    // Only at the start, and only a known label: a sentence about tests keeps its words.
    expect(questionWords('my test: it passes too early')).toBe('my test: it passes too early');
  });

  it("leaves out an issue form's headings, not the asker's own words", () => {
    const words = questionWords('## Expected behavior\nthe promise resolves\n**Steps to reproduce:**\n1. click\n### Actual Behavior\nI expected it to resolve');
    expect(tokenize(words)).toEqual(tokenize('the promise resolves 1. click I expected it to resolve'));
    expect(questionWords('**Is your feature request related to a problem? Please describe.**')).not.toMatch(/feature|problem/);
    // Inside a sentence the same words are the asker's.
    expect(tokenize(questionWords('the actual behavior is that it hangs'))).toContain('actual');
  });

  it('reads a contraction as "not"', () => {
    expect(tokenize("forEach doesn't wait")).toEqual(tokenize('forEach does not wait'));
  });

  it('knows which language a question names', () => {
    expect(questionLanguage('asyncio coroutine question')).toBe('python');
    expect(questionLanguage('my promise in node')).toBe('javascript');
    expect(questionLanguage('async await question')).toBe(null);
    expect(questionLanguage('fs.readFileSync blocks the event loop')).toBe('javascript');
    expect(questionLanguage('the event loop is blocked')).toBe(null);
    // The code's own name for the object it runs on.
    expect(questionLanguage('self.session.get_user() is called without await')).toBe('python');
    expect(questionLanguage('this.client.login() is called without await')).toBe('javascript');
    expect(questionLanguage('I tried this.Now nothing happens')).toBe(null);
    // Named by neither side: the names it quotes (camelCase in JavaScript, snake_case in Python).
    expect(questionLanguage('handleError is async but nobody awaits it')).toBe('javascript');
    expect(questionLanguage('handle_error is async but nobody awaits it')).toBe('python');
    expect(questionLanguage('handleError calls handle_error, neither is awaited')).toBe(null);
    // MicroPython's asyncio and the short name for a coroutine.
    expect(questionLanguage('uasyncio: my coro never runs')).toBe('python');
    // Browsers, bundlers and front-end frameworks, and a .js file, run JavaScript only.
    expect(questionLanguage('async await does not work in IE11')).toBe('javascript');
    expect(questionLanguage('regeneratorRuntime is not defined after babel builds my async function')).toBe('javascript');
    expect(questionLanguage('the promise in index.js never settles')).toBe('javascript');
    // A browser by name, and the page it loads: JavaScript's side, unless Python is named too (pyppeteer drives Chrome).
    expect(questionLanguage('fix(firefox): add the missing awaits in mouse.click')).toBe('javascript');
    expect(questionLanguage('awaiting each request in a loop slows the page load')).toBe('javascript');
    expect(questionLanguage('pyppeteer: awaiting the Chrome page load hangs in asyncio')).toBe(null);
    // Python's requests library and time.sleep by their dotted names.
    expect(questionLanguage('requests.post in my handler freezes everything')).toBe('python');
    expect(questionLanguage('a time.sleep(5) in the command stops the other commands')).toBe('python');
    // Python's own modules by a dotted name, and libraries that exist only for asyncio; "a subprocess" is anyone's word.
    expect(questionLanguage('subprocess.run freezes the handler')).toBe('python');
    expect(questionLanguage('should I read the file with aiofiles')).toBe('python');
    expect(questionLanguage('spawn a subprocess from node and wait for it')).toBe('javascript');
    // "then" the adverb says nothing of the language; `.then`, then() and "then is not a function" do.
    expect(questionLanguage('I create an httpx client, then I send a request and it hangs')).toBe('python');
    expect(questionLanguage('then is not a function when I chain my call')).toBe('javascript');
    expect(questionLanguage('calling .then on the result fails')).toBe('javascript');
    // Each side's linters, type checkers and package files.
    expect(questionLanguage('eslint flags every await inside my loops')).toBe('javascript');
    expect(questionLanguage('the awaits in the loop are flagged, see tsconfig')).toBe('javascript');
    expect(questionLanguage('ruff flags the sleep in my handler')).toBe('python');
    expect(questionLanguage('mypy says the value is never awaited')).toBe('python');
  });
});

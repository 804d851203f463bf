/**
 * RuleTester-style tables for the Python snippet detectors and fixers:
 * `valid` snippets must produce no finding; each `invalid` one lists exactly
 * the findings expected (detector id + line) and the fixed code the fixer
 * returns (`null`: no safe automatic fix, the rule's example is shown).
 * Shapes come from discord.py bots, FastAPI and aiohttp apps and Jupyter cells.
 */

/** Strips the first newline and the common indentation, so cases read like the pasted code. */
export function py(strings: TemplateStringsArray, ...values: string[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (values[i] ?? ''), '').replace(/^\n/, '').replace(/\n[ \t]*$/, '\n');
  const lines = raw.split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

export interface ValidCase {
  name: string;
  code: string;
  notebook?: boolean;
  coroutineNames?: string[];
  /** The paste's words name Tortoise ORM (SnippetHints.tortoiseNamed). */
  tortoiseNamed?: boolean;
}

export interface InvalidCase extends ValidCase {
  errors: { detector: string; line: number }[];
  /** Fixer id to apply (the rule's `fixer:`), with the findings of the listed detectors. */
  fixer?: string;
  /** Expected whole block after the fix; null when the fixer must decline. */
  output?: string | null;
}

/** Which fixer the rules attach to each detector (agreed id table). */
export const FIXER_OF: Record<string, string | undefined> = {
  'py.unawaited-coroutine': 'py.add-await',
  'py.coroutine-as-value': 'py.add-await',
  'py.asyncio-run-in-async': 'py.nested-run-to-await',
  'py.run-until-complete-in-async': 'py.nested-run-to-await',
  'py.async-fn-in-thread': 'py.thread-target-coroutine',
  'py.await-outside-async': 'py.make-enclosing-async',
  'py.blocking-call-in-async': 'py.unblock-call',
  'py.asyncio-primitive-from-thread': 'py.call-soon-threadsafe',
  'py.task-not-kept': 'py.keep-task-reference',
  'py.task-without-loop': undefined,
  'py.coroutine-function-not-called': 'py.call-coroutine-function',
  'py.run-given-non-coroutine': undefined,
  'py.await-non-awaitable': 'py.remove-bad-await',
  'py.sync-iteration-of-async': 'py.use-async-for',
  'py.sync-with-async-cm': 'py.use-async-with',
  'py.async-with-sync-cm': 'py.use-async-with',
  'py.session-per-request': undefined,
  'py.get-event-loop-top-level': 'py.use-asyncio-run',
  'py.discord-setup-not-awaited': 'py.load-extension-setup-hook',
  'py.coroutine-awaited-twice': 'py.await-coroutine-once',
  'py.loop-used-after-run': 'py.close-loop-after-use',
  'py.loop-gone-after-run': undefined,
  'py.task-never-awaited': undefined,
  'py.primitive-across-runs': undefined,
  'py.asyncio-not-imported': 'py.import-asyncio',
  'py.asyncio-api-newer': undefined,
  'py.future-not-awaited': 'py.add-await',
  'py.loop-stop-while-waiting': undefined,
  'py.django-orm-in-async': 'py.django-sync-to-async',
  'py.sqlalchemy-implicit-io': undefined,
  'py.async-test-not-marked': 'py.mark-async-test',
  'py.sequential-awaits': 'py.gather',
  'py.playwright-sync-in-async': 'py.playwright-async-api',
  'py.subprocess-on-selector-loop': 'py.proactor-loop-policy',
};

export const valid: ValidCase[] = [
  {
    name: "a Thread subclass's run() hands its work to the loop with call_soon_threadsafe, and a plain class's run() is no thread",
    code: py`
      import asyncio
      from threading import Thread

      jobs = asyncio.Queue()


      class Worker(Thread):
          def __init__(self, loop):
              super().__init__()
              self.loop = loop

          def run(self):
              self.loop.call_soon_threadsafe(jobs.put_nowait, "tick")


      class Job:
          def run(self):
              jobs.put_nowait("tick")
    `,
  },
  {
    name: 'a paho-mqtt callback hands its coroutine to the loop with run_coroutine_threadsafe: the thread-safe way',
    code: py`
      import asyncio
      import paho.mqtt.client as mqtt

      loop = asyncio.new_event_loop()


      async def handle(payload):
          await asyncio.sleep(1)


      def on_message(client, userdata, msg):
          asyncio.run_coroutine_threadsafe(handle(msg.payload), loop)


      client = mqtt.Client()
      client.on_message = on_message
      client.loop_start()
      loop.run_forever()
    `,
  },
  {
    name: "an on_message callback set by assignment on an object that is not paho's (no paho import): not taken for a thread",
    code: py`
      import asyncio

      tasks = set()


      async def handle(payload):
          await asyncio.sleep(1)


      def on_message(client, userdata, msg):
          task = asyncio.ensure_future(handle(msg.payload))
          tasks.add(task)


      bot.on_message = on_message
    `,
  },
  {
    name: 'a watchdog handler that hands its work to the loop with call_soon_threadsafe',
    code: py`
      import asyncio
      from watchdog.events import FileSystemEventHandler

      loop = asyncio.new_event_loop()
      changed = asyncio.Queue()


      class Handler(FileSystemEventHandler):
          def on_modified(self, event):
              loop.call_soon_threadsafe(changed.put_nowait, event.src_path)
    `,
  },
  {
    name: 'a Tortoise query built in steps, sliced, iterated with async for and awaited twice: all as Tortoise means',
    code: py`
      from tortoise import Tortoise

      async def recent(active, limit):
          await Tortoise.init(db_url="sqlite://db.sqlite3", modules={"models": ["app.models"]})
          conn = Tortoise.get_connection("default")
          query = Event.filter(active=True)
          if active:
              query = query.filter(closed=False)
          events = await query.order_by("-id")[:limit]
          async for event in Event.all():
              print(event.name)
          total = await Event.filter(active=True).count()
          again = await query
          return events, total, again, conn
    `,
  },
  {
    name: "Peewee's Model.get(...) and .filter(...).first() have Tortoise's shape, but are synchronous: nothing without Tortoise named",
    code: py`
      from peewee import Model

      def load(user_id):
          user = User.get(User.id == user_id)
          first = User.filter(active=True).first()
          print(type(user), first.name)
    `,
  },
  {
    name: 'Tortoise named, but the CamelCase receiver is a constant or a def of the paste: not a model class',
    tortoiseNamed: true,
    code: py`
      def Settings():
          return {}

      async def config(key):
          value = CONFIG.get(key)
          other = Settings.get(key)
          return value, other
    `,
  },
  {
    name: 'correct async code cut off inside its last call: closing the cut bracket finds nothing to report',
    code: py`
      import asyncio
      import discord

      async def announce(channel):
          await asyncio.sleep(1)
          await channel.send(embed=discord.Embed(title="Ready",
    `,
  },
  {
    name: 'a cut inside a triple-quoted string: nothing is closed, and the awaited code above it stays clean',
    code: py`
      import asyncio

      async def main(ctx):
          await asyncio.sleep(1)
          await ctx.send("""Usage: (
    `,
  },
  {
    name: "Telethon's run_until_disconnected() called from a script's plain main(): outside a running loop it runs the loop itself (Telethon's own docs)",
    code: py`
      from telethon import TelegramClient, events

      bot = TelegramClient('bot', 11111, 'a1b2c3d4').start(bot_token='TOKEN')

      @bot.on(events.NewMessage)
      async def echo(event):
          await event.respond(event.text)

      def main():
          bot.run_until_disconnected()

      if __name__ == '__main__':
          main()
    `,
  },
  {
    name: "SQLAlchemy's run_sync: the plain def it is handed takes a sync Session, whatever async with AsyncSession(engine) as session made in another function (SQLAlchemy's examples/asyncio/greenlet_orm.py)",
    code: py`
      from sqlalchemy import select
      from sqlalchemy.ext.asyncio import AsyncSession

      def run_queries(session):
          result = session.execute(select(A))
          for a1 in result.scalars():
              print(a1)

      async def async_main(engine):
          async with AsyncSession(engine) as session:
              await session.run_sync(run_queries)
              await session.commit()
    `,
  },
  {
    name: "a thread target whose parameter shares the name of an asyncio.Queue made elsewhere, but is handed a thread-safe queue.Queue: the name is the parameter's own",
    code: py`
      import asyncio
      import queue as stdqueue
      import threading

      def producer(queue):
          for i in range(10):
              queue.put_nowait(i)

      async def main():
          queue = asyncio.Queue()
          await queue.put(0)

      jobs = stdqueue.Queue()
      threading.Thread(target=producer, args=(jobs,)).start()
    `,
  },
  {
    name: 'async with on classes of the paste that can be entered so: both protocols, only the async one, and one with a base class that may define it',
    code: py`
      class Both:
          def __enter__(self):
              return self
          def __exit__(self, *exc):
              pass
          async def __aenter__(self):
              return self
          async def __aexit__(self, *exc):
              pass

      class Session(BaseSession):
          def __enter__(self):
              return self

      async def main():
          async with Both():
              pass
          async with Session():
              pass
    `,
  },
  {
    name: 'a sentence pasted with the code, ending in a call and a full stop: the next paragraph is no attribute of its coroutine',
    code: py`
      Problem Examples

      Using time.sleep(5) instead of await asyncio.sleep(5).

      Using the standard requests library for HTTP requests.
    `,
  },
  {
    name: 'the Windows selector policy with no subprocess in the code (psycopg and tornado need that loop): nothing to say',
    code: py`
      import asyncio
      import sys

      import psycopg

      if sys.platform == "win32":
          asyncio.set_event_loop_policy(asyncio.WindowsSelectorEventLoopPolicy())

      async def main():
          async with await psycopg.AsyncConnection.connect("dbname=test") as conn:
              await conn.execute("SELECT 1")

      asyncio.run(main())
    `,
  },
  {
    name: 'subprocesses on the default loop (Proactor on Windows since 3.8): no policy set, nothing to say',
    code: py`
      import asyncio

      async def main():
          proc = await asyncio.create_subprocess_exec("git", "status", stdout=asyncio.subprocess.PIPE)
          out, _ = await proc.communicate()
          print(out.decode())

      asyncio.run(main())
    `,
  },
  {
    name: 'the selector policy for the app, the subprocess on a Proactor loop of its own in a thread (the documented way out): nothing to say',
    code: py`
      import asyncio
      import sys

      if sys.platform == "win32":
          asyncio.set_event_loop_policy(asyncio.WindowsSelectorEventLoopPolicy())

      async def work():
          proc = await asyncio.create_subprocess_exec("ffmpeg", "-version")
          return await proc.wait()

      def run_in_proactor():
          with asyncio.Runner(loop_factory=asyncio.ProactorEventLoop) as runner:
              return runner.run(work())

      async def main():
          print(await asyncio.to_thread(run_in_proactor))

      asyncio.run(main())
    `,
  },
  {
    name: 'the Proactor policy set explicitly before starting subprocesses: right already',
    code: py`
      import asyncio

      asyncio.set_event_loop_policy(asyncio.WindowsProactorEventLoopPolicy())

      async def main():
          proc = await asyncio.create_subprocess_shell("dir")
          await proc.wait()

      asyncio.run(main())
    `,
  },
  {
    name: "a blocking subprocess.run beside the selector policy is not asyncio's subprocess transport (another rule's business, if any)",
    code: py`
      import asyncio
      import subprocess

      asyncio.set_event_loop_policy(asyncio.WindowsSelectorEventLoopPolicy())

      def build():
          subprocess.run(["make"], check=True)

      build()
    `,
  },
  {
    name: "a session only made, never used in the paste (how aiohttp's docs show a cookie jar option): nothing says it is left open",
    code: py`
      import aiohttp

      jar = aiohttp.CookieJar(unsafe=True)
      session = aiohttp.ClientSession(cookie_jar=jar)
    `,
  },
  {
    name: "a cog's own async def play beside discord.py's sync VoiceClient.play reached through ctx: the context's objects are discord.py's, not the cog",
    code: py`
      import discord
      from discord.ext import commands

      class Music(commands.Cog):
          @commands.command()
          async def play(self, ctx, *, query):
              source = discord.PCMVolumeTransformer(discord.FFmpegPCMAudio(query))
              ctx.voice_client.play(source, after=lambda e: print(f'Player error: {e}') if e else None)
              await ctx.send(f'Now playing: {query}')
    `,
  },
  {
    name: "create_task in a plain def handed to the loop's own call_soon_threadsafe / add_done_callback: the loop calls it, where a loop runs",
    code: py`
      import asyncio

      def schedule():
          keep(asyncio.create_task(job()))

      def on_done(fut):
          keep(asyncio.ensure_future(job()))

      loop.call_soon_threadsafe(schedule)
      future.add_done_callback(on_done)
    `,
  },
  {
    name: 'asyncio.TaskGroup and timeout on the Python 3.11 the comment names; to_thread with no version stated',
    code: py`
      # python 3.11
      import asyncio

      async def main():
          async with asyncio.timeout(5):
              async with asyncio.TaskGroup() as tg:
                  tg.create_task(asyncio.to_thread(load))
    `,
  },
  {
    name: "sleep without its import: awaited in async code (asyncio's), or called in a plain def; asyncio's sleep imported by name and awaited",
    code: py`
      async def tick():
          await sleep(1)

      def wait_a_bit():
          sleep(1)
    `,
  },
  {
    name: "ensure_future given its loop (loop=_loop) in a callback paho's network thread calls: it needs no running loop (calling it from that thread is another mistake)",
    code: py`
      from asyncio import ensure_future

      _loop = app_loop()

      def on_message(client, userdata, msg):
          keep(ensure_future(handle(msg.payload), loop=_loop))

      client.message_callback_add("test", on_message)
    `,
  },
  {
    name: 'create_task in a callback when the paste runs the loop itself (qasync run_forever), or in a plain def an async def calls',
    code: py`
      import asyncio
      import qasync

      async def fetch():
          await asyncio.sleep(1)

      def on_click():
          keep(asyncio.create_task(fetch()))

      def schedule():
          keep(asyncio.create_task(fetch()))

      async def main():
          schedule()

      button.clicked.connect(on_click)
      loop = qasync.QEventLoop(app)
      loop.run_forever()
    `,
  },
  {
    name: 'create_task in a plain def an async def of the paste calls, handed on nowhere else',
    code: py`
      import asyncio

      def start_worker(queue):
          keep(asyncio.create_task(worker(queue)))

      async def worker(queue):
          start_worker(queue)
          await queue.get()

      register(start_worker)
    `,
  },
  {
    name: 'a ClientSession made in __init__ of a class built inside the coroutine asyncio.run runs; a module-level one in a module that starts no loop',
    code: py`
      import aiohttp
      import asyncio

      class Fetcher:
          def __init__(self):
              self._session = aiohttp.ClientSession()

          async def close(self):
              await self._session.close()

      async def main():
          fetcher = Fetcher()
          await fetcher.close()

      asyncio.run(main())
    `,
  },
  {
    name: 'what asyncio.run is handed is a coroutine: an async def, a plain def returning one, a decorated def, uvicorn.Server.serve(), bot.start()',
    code: py`
      import asyncio
      import uvicorn

      async def work():
          await asyncio.sleep(1)

      def make_job():
          return work()

      @some_library.make_coroutine
      def wrapped():
          pass

      asyncio.run(work())
      asyncio.run(make_job())
      asyncio.run(wrapped())
      asyncio.run(uvicorn.Server(config).serve())
      asyncio.run(bot.start(TOKEN))
    `,
  },
  {
    name: "asyncio.gather's Future read with its own methods once the loop ran it",
    code: py`
      import asyncio

      async def double(n):
          await asyncio.sleep(0)
          return 2 * n

      loop = asyncio.new_event_loop()
      task = asyncio.gather(double(1), double(2))
      task.add_done_callback(print)
      loop.run_until_complete(task)
      print(task.result(), task.done())
      asyncio.gather(double(3)).cancel()
    `,
  },
  {
    name: 'a coroutine handed to a local function that awaits it, or schedules it',
    code: py`
      import asyncio

      async def fetch(n):
          await asyncio.sleep(n)
          return n

      async def wait_for_it(job):
          return await job

      async def schedule(job, pending):
          pending.append(asyncio.create_task(job))

      async def main():
          first = fetch(1)
          print(await wait_for_it(first))
          second = fetch(2)
          tasks = []
          await schedule(second, tasks)
          await asyncio.gather(*tasks)

      asyncio.run(main())
    `,
  },
  {
    name: 'pyppeteer launch() awaited inside a coroutine',
    code: py`
      import asyncio
      from pyppeteer import launch

      async def main():
          browser = await launch(headless=True)
          page = await browser.newPage()
          await page.goto('https://example.com/')
          await browser.close()

      asyncio.run(main())
    `,
  },
  {
    name: 'what async with binds, read the right way: its fetched rows, and async for',
    code: py`
      async def rows(conn, path):
          async with conn.cursor() as cur:
              await cur.execute("select 1")
              for row in await cur.fetchall():
                  print(row)
          async with aiofiles.open(path) as fh:
              async for line in fh:
                  print(line)
    `,
  },
  {
    name: 'a class of the paste that defines its own camelCase newPage as a plain method',
    code: py`
      class Book:
          def newPage(self):
              return Page(self)

      def start(book):
          page = book.newPage()
          return page.number
    `,
  },
  {
    name: 'create_task given a coroutine the object stores, and a method the snippet shows to be a plain def',
    code: py`
      import asyncio

      class Worker:
          def __init__(self):
              self.job = self.run()
              self.task = asyncio.ensure_future(self.job)

          def start(self):
              return asyncio.run(self.main)

          def main(self):
              return 1
    `,
  },
  {
    name: 'bot.run() at module level, and client.run() in a plain function',
    code: py`
      import discord

      client = discord.Client(intents=discord.Intents.default())

      def start():
          client.run(TOKEN)

      bot.run(TOKEN)
    `,
  },
  {
    name: "Telethon's sync wrapper: the client methods run the loop themselves",
    code: py`
      from telethon import sync, TelegramClient

      client = TelegramClient('anon', api_id, api_hash)
      client.connect()
      client.send_message('me', 'hello')
    `,
  },
  {
    name: 'a plain def that hands its caller a future, a task or a coroutine, awaited by the caller',
    code: py`
      import asyncio

      def make_waiter(loop):
          fut = loop.create_future()
          loop.call_later(1, fut.set_result, 42)
          return fut

      async def fetch(url):
          await asyncio.sleep(1)
          return url

      def schedule(url):
          return asyncio.ensure_future(fetch(url))

      def later(url):
          return fetch(url)

      async def main():
          loop = asyncio.get_running_loop()
          print(await make_waiter(loop), await schedule("a"), await later("b"))

      asyncio.run(main())
    `,
  },
  {
    name: 'straight-line awaits that depend on each other, pace themselves, or share one connection',
    code: py`
      import asyncio

      async def load(client, conn, user_id):
          profile = await client.get(f"/users/{user_id}")
          posts = await client.get(f"/users/{profile.id}/posts")
          a = await asyncio.sleep(1)
          b = await asyncio.sleep(2)
          r1 = await conn.fetch("select 1")
          r2 = await conn.fetch("select 2")
          m1 = await channel.send("one")
          m2 = await channel.send("two")
          first = await asyncio.gather(work(1), work(2))
          second = await asyncio.gather(work(3), work(4))
          return profile, posts
    `,
  },
  {
    name: 'straight-line awaits of different calls, and of the same call with the same arguments',
    code: py`
      async def refresh(api):
          user = await api.get_user()
          orders = await api.get_orders()
          first = await api.poll("status")
          second = await api.poll("status")
          return user, orders, first, second
    `,
  },
  {
    name: 'a fragment with top-level await is read as the body of an async function, not as a script (issue 10)',
    code: py`
      import asyncio

      async def main():
          await asyncio.sleep(1)

      await main()
    `,
  },
  {
    name: 'a method body pasted without its def: self, await and return at the top',
    code: py`
      data = await self.session.get(url)
      if data is None:
          return None
      await ctx.send(data)
    `,
  },
  {
    name: 'open() in a plain def, aiofiles in async code, and a method that is merely called open',
    code: py`
      import aiofiles

      def load_config(path):
          with open(path) as f:
              return f.read()

      async def load_notes(path):
          async with aiofiles.open(path) as f:
              return await f.read()

      async def start(store):
          store.open()
    `,
  },
  {
    name: 'awaited calls and asyncio.gather',
    code: py`
      import asyncio

      async def fetch(i):
          await asyncio.sleep(0.1)
          return i

      async def main():
          first = await fetch(0)
          rest = await asyncio.gather(fetch(1), fetch(2))
          print(first, rest)

      asyncio.run(main())
    `,
  },
  {
    name: 'time.sleep in a plain def',
    code: py`
      import time

      def wait_a_bit():
          time.sleep(2)
          return "done"
    `,
  },
  {
    name: 'asyncio.to_thread(lambda: input())',
    code: py`
      import asyncio

      async def ask():
          answer = await asyncio.to_thread(lambda: input("name? "))
          return answer
    `,
  },
  {
    name: 'a shadowed sleep is not time.sleep',
    code: py`
      from time import sleep

      async def tick(bot):
          def sleep(seconds):
              return seconds
          sleep(1)
          await bot.wait_until_ready()
    `,
  },
  {
    name: 'coroutines passed to create_task/gather/run and kept',
    code: py`
      import asyncio

      background = set()

      async def job(n):
          await asyncio.sleep(n)

      async def main():
          task = asyncio.create_task(job(1))
          background.add(task)
          task.add_done_callback(background.discard)
          await asyncio.wait_for(job(2), timeout=5)
          coros = [job(i) for i in range(3)]
          await asyncio.gather(*coros)

      if __name__ == "__main__":
          asyncio.run(main())
    `,
  },
  {
    name: 'discord.py 2 bot loading extensions in setup_hook',
    code: py`
      import discord
      from discord.ext import commands

      class MyBot(commands.Bot):
          async def setup_hook(self):
              await self.load_extension("cogs.music")
              await self.tree.sync()

      bot = MyBot(command_prefix="!", intents=discord.Intents.default())

      @bot.command()
      async def ping(ctx):
          await ctx.send("pong")
          msg = await ctx.reply("hi")
          await msg.edit(content="edited")

      bot.run("TOKEN")
    `,
  },
  {
    name: 'FastAPI route with a shared aiohttp session and httpx',
    code: py`
      import aiohttp
      from fastapi import FastAPI

      app = FastAPI()
      session: aiohttp.ClientSession | None = None

      @app.on_event("startup")
      async def startup():
          global session
          session = aiohttp.ClientSession()

      @app.get("/weather")
      async def weather(city: str):
          async with session.get(f"https://example.invalid/{city}") as resp:
              return await resp.json()
    `,
  },
  {
    name: 'Jupyter cell with top-level await',
    notebook: true,
    code: py`
      import asyncio
      async def fetch():
          await asyncio.sleep(1)
          return 42
      result = await fetch()
      result
    `,
  },
  {
    name: 'async for over an async generator and async with a lock',
    code: py`
      import asyncio

      lock = asyncio.Lock()

      async def numbers():
          for i in range(3):
              yield i
              await asyncio.sleep(0)

      async def main():
          async with lock:
              async for n in numbers():
                  print(n)
    `,
  },
  {
    name: 'a thread running a plain function and a coroutine with asyncio.run',
    code: py`
      import asyncio
      import threading

      def work(n):
          return n * 2

      async def serve():
          await asyncio.sleep(1)

      threading.Thread(target=work, args=(3,)).start()
      threading.Thread(target=lambda: asyncio.run(serve())).start()
    `,
  },
  {
    name: 'returning a coroutine from a plain wrapper',
    code: py`
      async def fetch_user(uid):
          return uid

      def get_user_later(uid):
          return fetch_user(uid)
    `,
  },
  {
    name: 'TaskGroup create_task needs no reference',
    code: py`
      import asyncio

      async def job():
          await asyncio.sleep(1)

      async def main():
          async with asyncio.TaskGroup() as tg:
              tg.create_task(job())
              tg.create_task(job())
    `,
  },
  {
    name: 'sqlite3 and requests in sync code only',
    code: py`
      import sqlite3
      import requests

      def load(url):
          conn = sqlite3.connect("data.db")
          cur = conn.cursor()
          cur.execute("select 1")
          return requests.get(url).json()
    `,
  },
  {
    name: 'aiohttp client used the right way',
    code: py`
      import aiohttp
      import asyncio

      async def main():
          async with aiohttp.ClientSession() as session:
              async with session.get("http://127.0.0.1:8080/") as resp:
                  print(resp.status)
                  print(await resp.text())

      asyncio.run(main())
    `,
  },
  {
    name: 'send on a socket in a script without discord',
    code: py`
      import socket

      def ping(sock: socket.socket):
          sock.send(b"ping")
          return sock.recv(4)
    `,
  },
  {
    name: 'an async extension setup',
    code: py`
      from discord.ext import commands

      class Music(commands.Cog):
          def __init__(self, bot):
              self.bot = bot

      async def setup(bot):
          await bot.add_cog(Music(bot))
    `,
  },
  {
    name: 'a coroutine awaited once, then a fresh one made and awaited',
    code: py`
      import asyncio

      async def fetch_price():
          await asyncio.sleep(0)
          return 9.99

      async def main():
          price = fetch_price()
          first = await price
          price = fetch_price()
          second = await price
          print(first, second)
    `,
  },
  {
    name: 'one coroutine awaited in either branch of an if',
    code: py`
      async def load(key):
          return key

      async def get(key, fast):
          job = load(key)
          if fast:
              return await job
          else:
              value = await job
          return value
    `,
  },
  {
    name: 'a retry loop that calls the function on every attempt',
    code: py`
      import asyncio

      async def with_retries(make_call, tries=3):
          for attempt in range(tries):
              try:
                  return await make_call()
              except ConnectionError:
                  await asyncio.sleep(attempt)
    `,
  },
  {
    name: 'a hand-made loop closed once, at the end (try/finally)',
    code: py`
      import asyncio

      async def main():
          return 1

      loop = asyncio.new_event_loop()
      try:
          loop.run_until_complete(main())
          loop.run_until_complete(main())
      finally:
          loop.close()
    `,
  },
  {
    name: 'a loop made before asyncio.run() is not closed by it',
    code: py`
      import asyncio

      async def main():
          return 1

      loop = asyncio.new_event_loop()
      print(asyncio.run(main()))
      print(loop.run_until_complete(main()))
      loop.close()
    `,
  },
  {
    name: 'tasks awaited, cancelled, or kept with a done callback',
    code: py`
      import asyncio

      background = set()

      async def job(n):
          await asyncio.sleep(n)

      async def main():
          first = asyncio.create_task(job(1))
          kept = asyncio.create_task(job(2))
          background.add(kept)
          kept.add_done_callback(background.discard)
          ticker = asyncio.create_task(job(3))
          await first
          ticker.cancel()
    `,
  },
  {
    name: 'a task stored on self is awaited by another method',
    code: py`
      import asyncio

      class Poller:
          async def start(self):
              self.task = asyncio.create_task(self.poll())

          async def poll(self):
              await asyncio.sleep(1)
    `,
  },
  {
    name: 'a module-level lock with a single asyncio.run()',
    code: py`
      import asyncio

      lock = asyncio.Lock()

      async def worker(n):
          async with lock:
              await asyncio.sleep(0.01)
              return n

      async def main():
          return await asyncio.gather(worker(1), worker(2))

      print(asyncio.run(main()))
    `,
  },
  {
    name: 'a lock made inside main(), which runs twice',
    code: py`
      import asyncio

      async def worker(lock, n):
          async with lock:
              return n

      async def main():
          lock = asyncio.Lock()
          return await asyncio.gather(worker(lock, 1), worker(lock, 2))

      print(asyncio.run(main()))
      print(asyncio.run(main()))
    `,
  },
  {
    name: 'a client made inside main() and one asyncio.run()',
    code: py`
      import asyncio
      import httpx

      async def main():
          async with httpx.AsyncClient() as client:
              r = await client.get("http://127.0.0.1:8000/")
              print(r.status_code)

      asyncio.run(main())
    `,
  },
  {
    name: 'asyncio imported under another name, or used in a fragment with no imports',
    code: py`
      import json
      import asyncio as aio

      async def main():
          print(json.dumps({}))

      aio.run(main())
    `,
  },
  {
    name: 'a fragment without imports may use asyncio (its imports are above the paste)',
    code: py`
      async def main():
          await asyncio.sleep(1)

      asyncio.run(main())
    `,
  },
  {
    // pytest wants None of a test (PytestReturnNotNoneWarning): one that returns its results is another runner's.
    name: 'an async test_… function that returns what it gathered: a test script calls it, pytest does not collect it',
    code: py`
      import asyncio

      async def test_cancel_gather():
          res = []

          async def worker():
              try:
                  await asyncio.sleep(1)
              except asyncio.CancelledError:
                  res.append(True)

          t = asyncio.create_task(asyncio.gather(worker(), worker()))
          await asyncio.sleep(0.1)
          t.cancel()
          return res
    `,
  },
  {
    name: 'sqlite3 load_extension is not discord.py',
    code: py`
      import sqlite3

      conn = sqlite3.connect("geo.db")
      conn.enable_load_extension(True)
      conn.load_extension("mod_spatialite")
    `,
  },
  {
    name: 'discord.py 1.x extension (avatar_url, removed in 2.0): load_extension and add_cog are plain calls there',
    code: py`
      import discord
      from discord.ext import commands

      bot = commands.Bot(command_prefix="!")
      bot.load_extension("cogs.fun")

      class Fun(commands.Cog):
          @commands.command()
          async def avatar(self, ctx):
              await ctx.send(ctx.author.avatar_url)

      def setup(bot):
          bot.add_cog(Fun(bot))
    `,
  },
  {
    // Pycord's discord/cog.py: `def load_extension`, `def add_cog`; `@bot.slash_command` and `ctx.respond` are its own.
    name: 'a Pycord bot (slash_command, ctx.respond): its load_extension and add_cog stayed plain calls in 2.x',
    code: py`
      import discord

      bot = discord.Bot()
      bot.load_extension("cogs.example")

      @bot.slash_command(guild_ids=[123])
      async def ping(ctx):
          await ctx.respond("pong")

      bot.run(TOKEN)
    `,
  },
  {
    // nextcord/ext/commands/bot.py and disnake/ext/commands/common_bot_base.py: `def load_extension`, `def add_cog`.
    name: 'nextcord and disnake bots: extension setup is synchronous in those forks',
    code: py`
      import nextcord
      from nextcord.ext import commands

      bot = commands.Bot(command_prefix="!")
      bot.load_extension("cogs.fun")

      class Fun(commands.Cog):
          pass

      def setup(bot):
          bot.add_cog(Fun(bot))
    `,
  },
  {
    name: 'a loop whose turn assigns a global: each task is published for other code to read (the current-task check of a CPython report)',
    code: py`
      import asyncio

      async def work():
          print(task is asyncio.current_task())

      async def run():
          global task
          for i in range(100):
              task = asyncio.create_task(work())
              await task
    `,
  },
  {
    name: "pytest-aiohttp: an unmarked async test asking for aiohttp_server is run by that plugin, as its docs write it",
    code: py`
      from aiohttp import web

      async def test_index(aiohttp_server, aiohttp_client):
          app = web.Application()
          server = await aiohttp_server(app)
          client = await aiohttp_client(server)
          assert (await client.get("/")).status == 404
    `,
  },
  {
    name: "pytest-aiohttp: unmarked async tests asking for the paste's own fixture that asks for aiohttp_client (aiohttp's testing docs)",
    code: py`
      import pytest
      from aiohttp import web

      @pytest.fixture
      async def cli(aiohttp_client):
          app = web.Application()
          return await aiohttp_client(app)

      async def test_get_value(cli):
          resp = await cli.get('/')
          assert resp.status == 200
    `,
  },
  {
    name: 'a CLI whose subcommands each call asyncio.run once (one per process)',
    code: py`
      import asyncio
      import sys

      lock = asyncio.Lock()

      async def sync_users():
          async with lock:
              await asyncio.sleep(0)

      def cmd_sync():
          asyncio.run(sync_users())

      def cmd_check():
          asyncio.run(sync_users())

      if __name__ == "__main__":
          if sys.argv[1] == "sync":
              cmd_sync()
          else:
              cmd_check()
    `,
  },
  {
    name: 'asyncio named only in annotations (never evaluated)',
    code: py`
      from __future__ import annotations
      import logging

      def log_done(task: asyncio.Task) -> None:
          logging.info("done %s", task.get_name())
    `,
  },
  {
    name: 'a stream writer closed inside a class that has its own async close()',
    code: py`
      import asyncio

      class EchoClient:
          async def connect(self, port):
              self.reader, self.writer = await asyncio.open_connection("127.0.0.1", port)

          async def close(self):
              self.writer.close()
              await self.writer.wait_closed()

      async def main():
          server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
          server.close()
          await server.wait_closed()
    `,
  },
  {
    name: 'a retry helper given a task (a task may be awaited again)',
    code: py`
      import asyncio

      async def download():
          await asyncio.sleep(0)

      async def with_retries(job, tries=3):
          for attempt in range(tries):
              try:
                  return await job
              except ConnectionError:
                  pass

      async def main():
          await with_retries(asyncio.create_task(download()))
    `,
  },
  {
    name: 'a task whose function is cut short in the paste (the rest may await it)',
    code: py`
      import asyncio

      async def main():
          worker = asyncio.create_task(asyncio.sleep(1))
          # ... more code here
          await asyncio.sleep(0)
    `,
  },
  {
    name: 'a paste that stops right after the task is created',
    code: py`
      import asyncio

      async def main():
          await asyncio.sleep(0)
          worker = asyncio.create_task(asyncio.sleep(1))
    `,
  },
  {
    name: "IPython's extension manager is not discord.py's load_extension",
    code: py`
      import os
      from IPython import get_ipython

      ip = get_ipython()
      ip.extension_manager.load_extension("autoreload")
      os.environ["MODE"] = "dev"
    `,
  },
  {
    name: 'a module-level client used by a single asyncio.run()',
    code: py`
      import asyncio
      import httpx

      client = httpx.AsyncClient()

      async def main():
          r = await client.get("http://127.0.0.1:8000/")
          print(r.status_code)
          await client.aclose()

      asyncio.run(main())
    `,
  },
  {
    name: 'two asyncio.run() calls in exclusive branches of an if',
    code: py`
      import asyncio
      import sys

      queue = asyncio.Queue()

      async def produce():
          await queue.put(1)

      async def consume():
          await queue.put(0)
          return await queue.get()

      if sys.argv[1:] == ["produce"]:
          asyncio.run(produce())
      else:
          asyncio.run(consume())
    `,
  },
  {
    name: 'a loop closed on the pass that leaves the while loop',
    code: py`
      import asyncio

      async def poll():
          return True

      loop = asyncio.new_event_loop()
      while True:
          done = loop.run_until_complete(poll())
          if done:
              loop.close()
              break
    `,
  },
  {
    name: 'a click command runs asyncio.run once per process (module-level client)',
    code: py`
      import asyncio
      import click
      import httpx

      client = httpx.AsyncClient()

      async def fetch(url):
          return (await client.get(url)).text

      @click.command()
      @click.argument("url")
      def main(url):
          print(asyncio.run(fetch(url)))
    `,
  },
  {
    name: 'run_in_executor awaited, kept and awaited later, and a fire-and-forget call in a plain def',
    code: py`
      import asyncio

      def resize(path):
          return path

      async def thumbnail(path):
          loop = asyncio.get_running_loop()
          return await loop.run_in_executor(None, resize, path)

      async def thumbnails(paths):
          loop = asyncio.get_running_loop()
          futures = [loop.run_in_executor(None, resize, p) for p in paths]
          first = loop.run_in_executor(None, resize, paths[0])
          await first
          return await asyncio.gather(*futures)

      def schedule(loop, path):
          loop.run_in_executor(None, resize, path)
    `,
  },
  {
    name: 'loop.stop() with run_forever, and a module-level stop after run_until_complete returned',
    code: py`
      import asyncio
      import signal

      async def heartbeat():
          while True:
              await asyncio.sleep(1)

      loop = asyncio.new_event_loop()
      loop.add_signal_handler(signal.SIGTERM, loop.stop)
      beat = loop.create_task(heartbeat())
      loop.run_forever()
    `,
  },
  {
    name: 'a signal handler that sets an event, and a stop() after the run in a KeyboardInterrupt handler',
    code: py`
      import asyncio
      import signal

      async def main():
          stop = asyncio.Event()
          asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
          await stop.wait()

      def shutdown(loop):
          loop.stop()

      loop = asyncio.new_event_loop()
      try:
          loop.run_until_complete(main())
      except KeyboardInterrupt:
          loop.stop()
          shutdown(loop)
    `,
  },
  {
    name: 'Django: async ORM methods, async for, sync_to_async, a lazy queryset, and the sync ORM in a plain def',
    code: py`
      from asgiref.sync import sync_to_async
      from django.http import JsonResponse

      from shop.models import Book

      async def book_detail(request, pk):
          book = await Book.objects.aget(pk=pk)
          total = await Book.objects.filter(author=book.author).acount()
          titles = [b.title async for b in Book.objects.filter(author=book.author)]
          other = await sync_to_async(Book.objects.get)(pk=pk + 1)
          recent = Book.objects.order_by("-published")
          async for b in recent:
              print(b)
          return JsonResponse({"title": book.title, "total": total, "titles": titles, "other": other.title})

      def sync_detail(request, pk):
          book = Book.objects.get(pk=pk)
          return JsonResponse({"title": book.title, "count": len(Book.objects.all())})

      @sync_to_async
      def count_books():
          return Book.objects.count()
    `,
  },
  {
    name: 'SQLAlchemy async: eager loading, expire_on_commit=False, refresh, awaitable_attrs, and a sync driver with create_engine',
    code: py`
      from sqlalchemy import ForeignKey, create_engine, select
      from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
      from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload

      class Base(DeclarativeBase):
          pass

      class User(Base):
          __tablename__ = "users"
          id: Mapped[int] = mapped_column(primary_key=True)
          addresses: Mapped[list["Address"]] = relationship(back_populates="user")

      class Address(Base):
          __tablename__ = "addresses"
          id: Mapped[int] = mapped_column(primary_key=True)
          user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
          user: Mapped["User"] = relationship(back_populates="addresses", lazy="selectin")

      sync_engine = create_engine("postgresql+psycopg2://app@localhost/app")
      engine = create_async_engine("postgresql+asyncpg://app@localhost/app")
      Session = async_sessionmaker(engine, expire_on_commit=False)

      async def emails(user_id):
          async with Session() as session:
              user = await session.scalar(select(User).where(User.id == user_id).options(selectinload(User.addresses)))
              return [a.id for a in user.addresses]

      async def owner(address_id):
          async with Session() as session:
              address = await session.get(Address, address_id)
              return address.user.id

      async def create(session):
          user = User()
          session.add(user)
          await session.commit()
          return user.id
    `,
  },
  {
    name: 'pytest: marked async tests, a marked class, unittest and Django async test cases, and async helpers that are not tests',
    code: py`
      import unittest

      import pytest
      from django.test import TestCase

      from app.client import fetch_user

      async def make_user():
          return await fetch_user(1)

      @pytest.mark.asyncio
      async def test_fetch_user():
          assert (await make_user())["id"] == 1

      @pytest.mark.asyncio
      class TestUsers:
          async def test_one(self):
              assert await make_user()

      class TestLoop(unittest.IsolatedAsyncioTestCase):
          async def test_fetch(self):
              self.assertTrue(await make_user())

      class ViewTests(TestCase):
          async def test_view(self):
              response = await self.async_client.get("/")
              self.assertEqual(response.status_code, 200)

      def test_sync():
          assert True
    `,
  },
  {
    name: 'pytest: pytestmark marks every test in the module',
    code: py`
      import pytest

      pytestmark = pytest.mark.asyncio

      async def test_ping(client):
          assert await client.ping()
    `,
  },
  {
    name: 'a loop run in a thread: safe hand-offs, calls before the thread starts, and the thread using its own loop',
    code: py`
      import asyncio
      import threading

      async def job(n):
          await asyncio.sleep(n)

      def worker(loop):
          asyncio.set_event_loop(loop)
          first = loop.create_task(job(0))
          loop.run_forever()

      loop = asyncio.new_event_loop()
      pending = loop.create_task(job(1))
      t = threading.Thread(target=worker, args=(loop,), daemon=True)
      t.start()
      future = asyncio.run_coroutine_threadsafe(job(2), loop)
      loop.call_soon_threadsafe(print, "hi")
      future.result()

      def other():
          loop.call_soon(print, "scheduled from elsewhere")

      other_loop = asyncio.new_event_loop()
      threading.Thread(target=loop.run_forever).start()
      other_loop.call_soon(print, "not the loop in the thread")
    `,
  },
  {
    name: 'no blocking call: path arithmetic, async file and process APIs, and blocking work handed to a thread',
    code: py`
      import asyncio
      import os
      import subprocess
      from pathlib import Path

      import aiofiles.os
      import httpx

      async def build(root, name):
          target = Path(root) / name
          label = target.name.replace("-", " ")
          full = os.path.join(root, name)
          base = os.path.basename(full)
          exists = await aiofiles.os.path.exists(full)
          ok = await asyncio.to_thread(os.path.exists, full)
          proc = await asyncio.create_subprocess_exec("make", cwd=root)
          await proc.wait()
          out = await asyncio.to_thread(subprocess.run, ["make", "test"])
          async with httpx.AsyncClient() as client:
              r = await client.get("https://example.com")
          return label, base, exists, ok, out, r

      def sync_build(root):
          return Path(root).exists() and os.path.isdir(root) and subprocess.Popen(["ls"])
    `,
  },
  {
    name: 'session dependencies that keep their objects: expire_on_commit=False, no commit after the yield, a sync session',
    code: py`
      engine = create_async_engine(DATABASE_URL)
      factory = async_sessionmaker(engine, expire_on_commit=False)
      sync_factory = sessionmaker(sync_engine)

      async def get_session():
          async with factory() as session:
              yield session
              await session.commit()

      async def get_other(other_factory):
          async with other_factory() as session:
              yield session
              await session.commit()

      def get_sync():
          with sync_factory() as session:
              yield session
              session.commit()
    `,
  },
  {
    name: 'an async session dependency that only yields: nothing expires',
    code: py`
      factory = async_sessionmaker(create_async_engine(DATABASE_URL))

      async def get_session():
          async with factory() as session:
              await session.commit()
              yield session
    `,
  },
  {
    name: 'asyncio.run in a worker thread with nothing of the running loop: plain values, its own client',
    code: py`
      import asyncio
      import aiohttp

      async def fetch(url):
          async with aiohttp.ClientSession() as session:
              async with session.get(url) as r:
                  return await r.text()

      async def main(urls):
          loop = asyncio.get_running_loop()
          async with aiohttp.ClientSession() as session:
              first = await loop.run_in_executor(None, asyncio.run, fetch(urls[0]))
              rest = await asyncio.to_thread(asyncio.run, fetch(urls[1]))
              page = await loop.run_in_executor(None, parse, session)
          return first, rest, page
    `,
  },
  {
    name: 'library calls that are not coroutines: sync twins (pymongo, telethon.sync, redis, httpx and requests responses), staging and awaited calls',
    code: py`
      import httpx
      import redis
      import requests
      from pymongo import MongoClient
      from telethon.sync import TelegramClient

      mongo = MongoClient()
      cache = redis.Redis()

      def sync_work(client: TelegramClient):
          user = mongo.app.users.find_one({"_id": 1})
          client.send_message("me", "hi")
          cache.set("user", user["name"])
          return requests.get("https://example.com").json()

      async def async_work(session, obj):
          async with httpx.AsyncClient() as client:
              r = await client.get("https://example.com")
          data = r.json()
          session.add(obj)
          return data
    `,
  },
  {
    name: 'awaited library coroutines: AsyncSession, aiohttp responses, aiofiles, redis.asyncio, FastAPI requests, aiogram',
    code: py`
      import aiofiles
      import aiohttp
      from aiogram import Router
      from aiogram.types import Message
      from fastapi import FastAPI, Request
      from redis import asyncio as aioredis
      from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

      app = FastAPI()
      router = Router()
      make_session = async_sessionmaker(engine)
      cache = aioredis.from_url("redis://127.0.0.1")

      @app.post("/items")
      async def create(request: Request):
          payload = await request.json()
          async with make_session() as session:
              session.add(Item(**payload))
              await session.commit()
          return payload

      async def log_page(http: aiohttp.ClientSession):
          async with http.get("https://example.com") as resp:
              body = await resp.text()
          async with aiofiles.open("log.txt", "a") as f:
              await f.write(body)
          await cache.set("last", body)

      @router.message()
      async def echo(message: Message):
          await message.answer(message.text)
    `,
  },
  {
    name: 'async with on real async context managers: pools and connections that are both, asynccontextmanager defs, aiofiles, locks',
    code: py`
      import asyncio
      import contextlib
      import threading

      import aiofiles
      import aiosqlite
      import asyncpg

      @contextlib.asynccontextmanager
      async def transaction(conn):
          yield conn

      @contextlib.contextmanager
      def timer():
          yield

      lock = asyncio.Lock()
      guard = threading.Lock()

      async def main(dsn):
          async with asyncpg.create_pool(dsn) as pool, aiosqlite.connect("a.db") as db:
              async with transaction(db) as tx, lock:
                  async with aiofiles.open("out.txt", "w") as f:
                      await f.write("ok")

      def report():
          with guard, timer(), open("log.txt") as log:
              log.write("done")
    `,
  },
  {
    name: 'get_event_loop inside a generator-based coroutine runs on the loop',
    code: py`
      import asyncio
      import types

      @asyncio.coroutine
      def legacy():
          loop = asyncio.get_event_loop()
          yield from asyncio.sleep(1)
          return loop.time()

      @types.coroutine
      def also_legacy():
          loop = asyncio.get_event_loop()
          yield
          return loop
    `,
  },
  {
    name: 'a diff whose both sides are fine: markers and headers are not code',
    code: py`
      diff --git a/bot/cogs/music.py b/bot/cogs/music.py
      index 3f2a1b0..9c4d2e1 100644
      --- a/bot/cogs/music.py
      +++ b/bot/cogs/music.py
      @@ -40,6 +40,7 @@ class Music(commands.Cog):
           async def play(self, ctx, url):
      -        await ctx.send("Playing")
      +        player = await self.source(url)
      +        await ctx.send(f"Playing {player.title}")
    `,
  },
  {
    name: 'yield from loops that are not independent awaits: a paced legacy coroutine, a plain generator',
    code: py`
      import asyncio

      @asyncio.coroutine
      def poll(urls, fetch):
          for url in urls:
              yield from fetch(url)
              yield from asyncio.sleep(1)

      def chain(iterables):
          for it in iterables:
              yield from it
    `,
  },
  {
    name: 'loops that only collect work already started: as_completed, awaiting each task of a list',
    code: py`
      import asyncio

      async def _main(session):
          for future in asyncio.as_completed([session.get('http://httpbin.org/get') for _ in range(100)]):
              print(await future)

      async def collect(urls, fetch):
          tasks = [asyncio.create_task(fetch(u)) for u in urls]
          results = []
          for task in tasks:
              results.append(await task)
          return results
    `,
  },
  {
    name: 'sequential awaits that must stay sequential: pagination, a total read back, pacing, Discord sends, one DB connection, break',
    code: py`
      import asyncio

      async def all_pages(client):
          cursor = None
          pages = []
          for _ in range(10):
              page = await client.get_page(cursor)
              cursor = page.next
              pages.append(page)
          return pages

      async def spend(wallet, prices):
          total = 0
          for price in prices:
              if total > wallet.limit:
                  continue
              total += await wallet.charge(price)

      async def polite(urls, fetch):
          for url in urls:
              await fetch(url)
              await asyncio.sleep(1)

      async def announce(channel, lines):
          for line in lines:
              await channel.send(line)

      async def save(conn, rows):
          for row in rows:
              await conn.execute("INSERT INTO t VALUES ($1)", row)

      async def first_ok(urls, fetch):
          for url in urls:
              if await fetch(url):
                  break

      async def guarded(urls, fetch, lock):
          for url in urls:
              async with lock:
                  await fetch(url)

      async def stream(source):
          async for item in source:
              await item.process()

      async def drain(queue, handle):
          for _ in range(5):
              item = await queue.get()
              handle(item)

      async def wait_ready(client):
          for _ in range(10):
              r = await client.get("https://example.com/status")
              if r.json()["ready"]:
                  break

      async def repeat(client, url):
          for _ in range(3):
              await client.get(url)

      async def comprehensions(ws, conn, ids, source, get, fetch, parse):
          frames = [await ws.recv() for _ in range(3)]
          waits = [await asyncio.sleep(i) for i in ids]
          rows = [await conn.fetchrow("SELECT * FROM t WHERE id = $1", i) for i in ids]
          items = [x async for x in source]
          pages = [await parse(await fetch(i)) for i in ids]
          same = [await get() for _ in range(3)]
          return frames, waits, rows, items, pages, same
    `,
  },
  {
    name: 'pytest: a script whose coroutine is called test, and an async fixture of pytest_asyncio',
    code: py`
      import asyncio

      import pytest
      import pytest_asyncio

      async def test():
          await asyncio.sleep(0)

      async def test_connection(url):
          return url

      @pytest_asyncio.fixture
      async def client():
          yield "client"

      @pytest.mark.asyncio
      async def test_client(client):
          assert client

      asyncio.run(test())
      asyncio.run(test_connection("db://"))
    `,
  },
  {
    name: 'discord.py 0.16 (pass_context, bot.say): a plain setup and add_cog were right before 2.0',
    code: py`
      from discord.ext import commands

      class Greeter:
          def __init__(self, bot):
              self.bot = bot

          @commands.command(pass_context=True)
          async def hello(self, ctx):
              await self.bot.say("Hello " + ctx.message.author.name)

      def setup(bot):
          bot.add_cog(Greeter(bot))
    `,
  },
  {
    name: "Playwright's sync API where it belongs: a script's top level, codegen's plain run(playwright), a plain def FastAPI runs in its thread pool",
    code: py`
      from fastapi import APIRouter
      from playwright.sync_api import sync_playwright

      router = APIRouter()

      def run(playwright):
          browser = playwright.chromium.launch()
          page = browser.new_page()
          page.goto("https://example.com")

      @router.get("/test")
      def test_playwright():
          with sync_playwright() as p:
              return "ok"

      with sync_playwright() as playwright:
          run(playwright)
    `,
  },
  {
    name: "Playwright's async API awaited in async code, a locator built without await and clicked with it",
    code: py`
      from playwright.async_api import async_playwright

      async def title_of(url):
          async with async_playwright() as p:
              browser = await p.chromium.launch()
              page = await browser.new_page()
              await page.goto(url)
              await page.locator("#accept").click()
              return await page.title()
    `,
  },
  {
    name: 'an IPython terminal session (its ...: prompts) runs no loop between cells: run_until_complete there works',
    code: [
      'In [1]: async def check():',
      "   ...:     await send_req('https://example.com')",
      '   ...:     return None',
      '   ...:',
      '',
      'In [2]: loop.run_until_complete(check())',
      '',
    ].join('\n'),
  },
  {
    name: 'trio used right: awaited, and handed by name to start_soon and trio.run',
    code: py`
      import trio

      async def main():
          await trio.sleep(1)
          async with trio.open_nursery() as nursery:
              nursery.start_soon(trio.sleep, 2)

      trio.run(main)
    `,
  },
];

export const invalid: InvalidCase[] = [
  {
    name: "a threading.Thread subclass's run() (what start() runs in the new thread) puts into an asyncio.Queue",
    code: py`
      import asyncio
      import threading

      jobs = asyncio.Queue()


      class Worker(threading.Thread):
          def run(self):
              jobs.put_nowait("tick")
    `,
    errors: [{ detector: 'py.asyncio-primitive-from-thread', line: 9 }],
  },
  {
    name: "a paho-mqtt on_message callback (run on paho's network thread after loop_start) schedules a coroutine with ensure_future",
    code: py`
      import asyncio
      import paho.mqtt.client as mqtt

      loop = asyncio.new_event_loop()


      async def handle(payload):
          await asyncio.sleep(1)


      def on_message(client, userdata, msg):
          asyncio.ensure_future(handle(msg.payload), loop=loop)


      client = mqtt.Client()
      client.on_message = on_message
      client.loop_start()
      loop.run_forever()
    `,
    errors: [{ detector: 'py.asyncio-primitive-from-thread', line: 12 }],
    fixer: 'py.call-soon-threadsafe',
    output: py`
      import asyncio
      import paho.mqtt.client as mqtt

      loop = asyncio.new_event_loop()


      async def handle(payload):
          await asyncio.sleep(1)


      def on_message(client, userdata, msg):
          asyncio.run_coroutine_threadsafe(handle(msg.payload), loop)


      client = mqtt.Client()
      client.on_message = on_message
      client.loop_start()
      loop.run_forever()
    `,
  },
  {
    name: "a watchdog handler's on_modified (run on the observer's thread) puts into an asyncio.Queue",
    code: py`
      import asyncio
      from watchdog.events import FileSystemEventHandler

      changed = asyncio.Queue()


      class Handler(FileSystemEventHandler):
          def on_modified(self, event):
              changed.put_nowait(event.src_path)
    `,
    errors: [{ detector: 'py.asyncio-primitive-from-thread', line: 9 }],
  },
  {
    name: 'threading.Timer(5, tick): the function given by position runs on the timer thread, where create_task has no loop',
    code: py`
      import asyncio
      import threading


      async def ping():
          await asyncio.sleep(0)


      def tick():
          asyncio.create_task(ping())


      threading.Timer(5, tick).start()
    `,
    errors: [
      { detector: 'py.asyncio-primitive-from-thread', line: 10 },
      { detector: 'py.task-without-loop', line: 10 },
    ],
  },
  {
    name: "a pynput key listener's callback (run on the listener's thread) calls loop.call_soon",
    code: py`
      import asyncio
      from pynput import keyboard

      loop = asyncio.new_event_loop()


      def pressed(key):
          loop.call_soon(print, key)


      listener = keyboard.Listener(on_press=pressed)
      listener.start()
      loop.run_forever()
    `,
    errors: [{ detector: 'py.asyncio-primitive-from-thread', line: 8 }],
  },
  {
    name: "a Tortoise ORM query kept without await and shown with print(type(...)): the QuerySet, not the model",
    code: py`
      from tortoise.models import Model

      async def show(item_id):
          item = Domain.filter(id=item_id).first()
          print(type(item))
    `,
    errors: [{ detector: 'py.coroutine-as-value', line: 4 }],
    fixer: 'py.add-await',
    output: py`
      from tortoise.models import Model

      async def show(item_id):
          item = await Domain.filter(id=item_id).first()
          print(type(item))
    `,
  },
  {
    name: 'Tortoise named in the paste, its import left out: a bare Model.get(...) in a handler never runs',
    tortoiseNamed: true,
    code: py`
      async def on_message(message_id):
          Messages.get(message_id=message_id)
          return "ok"
    `,
    errors: [{ detector: 'py.unawaited-coroutine', line: 2 }],
  },
  {
    name: 'a Tortoise query iterated with a plain for: the QuerySet has no __iter__',
    code: py`
      from tortoise import Tortoise

      async def names():
          users = User.all()
          for user in users:
              print(user.name)
    `,
    errors: [{ detector: 'py.coroutine-as-value', line: 4 }],
  },
  {
    name: 'a paste cut off inside its last statement (`yield [`): the open bracket does not hide the time.sleep above it',
    code: py`
      import time

      async def fake_diffusion(steps):
          for i in range(steps):
              time.sleep(1)
              yield [
    `,
    errors: [{ detector: 'py.blocking-call-in-async', line: 5 }],
  },
  {
    name: 'a method cut off inside a dict it returns, a value still owed: requests.get above the cut is seen',
    code: py`
      import requests

      class Api:
          async def lookup(self, url):
              r = requests.get(url)
              return {"status": r.status_code, "tags": [1, 2,
    `,
    errors: [{ detector: 'py.blocking-call-in-async', line: 5 }],
  },
  {
    name: 'the Windows selector policy, then create_subprocess_exec: NotImplementedError on Windows; the policy becomes the Proactor one',
    code: py`
      import asyncio
      import sys

      if sys.platform == "win32":
          asyncio.set_event_loop_policy(asyncio.WindowsSelectorEventLoopPolicy())

      async def main():
          proc = await asyncio.create_subprocess_exec("git", "status", stdout=asyncio.subprocess.PIPE)
          out, _ = await proc.communicate()
          print(out.decode())

      asyncio.run(main())
    `,
    errors: [{ detector: 'py.subprocess-on-selector-loop', line: 5 }],
    fixer: 'py.proactor-loop-policy',
    output: py`
      import asyncio
      import sys

      if sys.platform == "win32":
          asyncio.set_event_loop_policy(asyncio.WindowsProactorEventLoopPolicy())

      async def main():
          proc = await asyncio.create_subprocess_exec("git", "status", stdout=asyncio.subprocess.PIPE)
          out, _ = await proc.communicate()
          print(out.decode())

      asyncio.run(main())
    `,
  },
  {
    name: "the selector policy imported by name, then Playwright's async API (its driver is a subprocess): the import and the call both change",
    code: py`
      import asyncio
      from asyncio import WindowsSelectorEventLoopPolicy

      from playwright.async_api import async_playwright

      asyncio.set_event_loop_policy(WindowsSelectorEventLoopPolicy())

      async def main():
          async with async_playwright() as p:
              browser = await p.chromium.launch()
              await browser.close()

      asyncio.run(main())
    `,
    errors: [{ detector: 'py.subprocess-on-selector-loop', line: 6 }],
    fixer: 'py.proactor-loop-policy',
    output: py`
      import asyncio
      from asyncio import WindowsProactorEventLoopPolicy

      from playwright.async_api import async_playwright

      asyncio.set_event_loop_policy(WindowsProactorEventLoopPolicy())

      async def main():
          async with async_playwright() as p:
              browser = await p.chromium.launch()
              await browser.close()

      asyncio.run(main())
    `,
  },
  {
    name: "the selector policy and the loop's own subprocess_shell, with aiodns (which needs the selector loop): found, but no automatic switch",
    code: py`
      import asyncio

      import aiodns

      asyncio.set_event_loop_policy(asyncio.WindowsSelectorEventLoopPolicy())

      async def main():
          resolver = aiodns.DNSResolver()
          print(await resolver.query("example.com", "A"))
          loop = asyncio.get_running_loop()
          transport, protocol = await loop.subprocess_shell(asyncio.SubprocessProtocol, "ping example.com")

      asyncio.run(main())
    `,
    errors: [{ detector: 'py.subprocess-on-selector-loop', line: 5 }],
    fixer: 'py.proactor-loop-policy',
    output: null,
  },
  {
    name: 'asyncio.to_thread (3.9) in code whose comment says it runs on Python 3.8',
    code: py`
      # deployed on python 3.8
      import asyncio

      async def main():
          data = await asyncio.to_thread(load)
          print(data)
    `,
    errors: [{ detector: 'py.asyncio-api-newer', line: 5 }],
  },
  {
    name: "a bare sleep(3) in an async handler, its import cut from the paste and not awaited: time.sleep's name",
    code: py`
      class Bot(Client):
          async def on_message(self, message):
              if message.content == "wait":
                  sleep(3)
                  await self.send("done")
    `,
    errors: [{ detector: 'py.blocking-call-in-async', line: 4 }],
    fixer: 'py.unblock-call',
    output: py`
      import asyncio

      class Bot(Client):
          async def on_message(self, message):
              if message.content == "wait":
                  await asyncio.sleep(3)
                  await self.send("done")
    `,
  },
  {
    name: "create_task in a plain def a tkinter button calls, and nothing starts an asyncio loop: no running event loop",
    code: py`
      import asyncio
      import tkinter as tk

      async def fetch():
          await asyncio.sleep(1)

      def on_click():
          task = asyncio.create_task(fetch())
          tasks.append(task)

      root = tk.Tk()
      tk.Button(root, text="Go", command=on_click).pack()
      root.mainloop()
    `,
    errors: [{ detector: 'py.task-without-loop', line: 8 }],
  },
  {
    name: "a ClientSession made in __init__ of a class the script builds in a plain def before asyncio.run: created outside any loop",
    code: py`
      import aiohttp
      import asyncio

      class Fetcher:
          def __init__(self):
              self._session = aiohttp.ClientSession()

          async def get(self, url):
              async with self._session.get(url) as response:
                  return await response.text()

      def main():
          fetcher = Fetcher()
          print(asyncio.run(fetcher.get("http://example.com/")))
    `,
    errors: [{ detector: 'py.session-per-request', line: 6 }],
  },
  {
    name: 'a ClientSession made at module level of a script that starts its loop with asyncio.run afterwards',
    code: py`
      import aiohttp
      import asyncio

      session = aiohttp.ClientSession()

      async def main():
          async with session.get("http://example.com/") as r:
              print(await r.text())
          await session.close()

      asyncio.run(main())
    `,
    errors: [{ detector: 'py.session-per-request', line: 4 }],
  },
  {
    name: 'asyncio.run handed what a plain def returns (None): "a coroutine was expected, got None"',
    code: py`
      import asyncio

      def main():
          print("starting")

      asyncio.run(main())
    `,
    errors: [{ detector: 'py.run-given-non-coroutine', line: 6 }],
  },
  {
    name: "uvicorn's blocking run() and discord.py's bot.run() handed to asyncio.run: each returns None when it stops",
    code: py`
      import asyncio
      import uvicorn
      import discord
      from discord.ext import commands

      bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())

      if __name__ == "__main__":
          asyncio.run(uvicorn.run(app, host="127.0.0.1", port=8000))
          asyncio.run(bot.run(TOKEN))
    `,
    errors: [{ detector: 'py.run-given-non-coroutine', line: 9 }, { detector: 'py.run-given-non-coroutine', line: 10 }],
  },
  {
    name: "asyncio.gather's result read as its list, never awaited (a Future's own methods are fine, its items are not)",
    code: py`
      import asyncio

      async def double(n):
          await asyncio.sleep(0)
          return 2 * n

      async def main():
          results = asyncio.gather(double(1), double(2))
          print(results[0])
    `,
    errors: [{ detector: 'py.coroutine-as-value', line: 8 }],
  },
  {
    name: "a class attribute ClientSession closed from __del__ through self without await",
    code: py`
      import aiohttp

      class Client:
          session = aiohttp.ClientSession()

          def __del__(self):
              self.session.close()
    `,
    errors: [
      { detector: 'py.session-per-request', line: 4 },
      { detector: 'py.unawaited-coroutine', line: 7 },
    ],
    output: null,
  },
  {
    name: 'an aiomysql cursor from async with, iterated with a plain for',
    code: py`
      async def rows(connection, query):
          async with connection.cursor() as cursor:
              await cursor.execute(query)
              for row in cursor:
                  print(row)
    `,
    errors: [{ detector: 'py.sync-iteration-of-async', line: 4 }],
    output: py`
      async def rows(connection, query):
          async with connection.cursor() as cursor:
              await cursor.execute(query)
              async for row in cursor:
                  print(row)
    `,
  },
  {
    name: 'a piece cut from the middle of an if-chain (it starts with elif) in a handler that awaits',
    code: py`
      elif media_type.startswith("video/"):
          req = requests.get(media_url)
          await channel.send(file=req.content)
      else:
          await channel.send("unsupported")
    `,
    errors: [{ detector: 'py.blocking-call-in-async', line: 2 }],
    output: null,
  },
  {
    name: "pyppeteer's newPage called without await in a notebook cell that leaves out the import",
    code: py`
      browser = await launch()
      page = browser.newPage()
      await page.goto('https://example.com')
    `,
    notebook: true,
    errors: [{ detector: 'py.coroutine-as-value', line: 2 }],
  },
  {
    name: 'create_task given a method of the class instead of its coroutine (the method defined in a part not pasted)',
    code: py`
      class WTFPython(commands.Cog):
          def __init__(self, bot):
              self.bot = bot
              asyncio.create_task(self.fetch_readme)
    `,
    errors: [{ detector: 'py.coroutine-function-not-called', line: 4 }],
  },
  {
    name: "discord.py's blocking bot.run() inside a coroutine",
    code: py`
      async def main():
          async with aiohttp.ClientSession() as session:
              bot.run()

      asyncio.run(main())
    `,
    errors: [{ detector: 'py.asyncio-run-in-async', line: 3 }],
  },
  {
    name: "the cog's own async play called through ctx.cog without await: the cog is the paste's class",
    code: py`
      from discord.ext import commands

      class Music(commands.Cog):
          async def play(self, ctx, query):
              await ctx.send(query)

          @commands.command()
          async def replay(self, ctx):
              ctx.cog.play(ctx, 'again')
    `,
    errors: [{ detector: 'py.unawaited-coroutine', line: 9 }],
  },
  {
    name: 'an AsyncSession made at module level, used without await in a function that does not rebind it',
    code: py`
      from sqlalchemy import select
      from sqlalchemy.ext.asyncio import AsyncSession

      session = AsyncSession(engine)

      async def load():
          result = session.execute(select(A))
          return result.scalars().all()
    `,
    errors: [{ detector: 'py.coroutine-as-value', line: 7 }],
  },
  {
    name: "Telethon's run_until_disconnected() inside an async def, not awaited: there it only returns a coroutine",
    code: py`
      from telethon import TelegramClient

      async def main(client):
          await client.start()
          client.run_until_disconnected()
    `,
    errors: [{ detector: 'py.unawaited-coroutine', line: 5 }],
  },
  {
    name: "Telethon's asyncio client connect() called without await, the api id starred out",
    code: py`
      from telethon import TelegramClient

      api_id = *****
      api_hash = '*****************'

      client = TelegramClient('session_name', api_id, api_hash)
      client.connect()
    `,
    errors: [{ detector: 'py.unawaited-coroutine', line: 7 }],
  },
  {
    name: 'sequential awaits written out: the same request awaited line after line',
    code: py`
      import httpx

      async def load(client: httpx.AsyncClient, user_id):
          profile = await client.get(f"/users/{user_id}")
          posts = await client.get(f"/users/{user_id}/posts")
          return profile, posts
    `,
    errors: [{ detector: 'py.sequential-awaits', line: 4 }],
    fixer: 'py.gather',
    output: py`
      import asyncio
      import httpx

      async def load(client: httpx.AsyncClient, user_id):
          profile, posts = await asyncio.gather(
              client.get(f"/users/{user_id}"),
              client.get(f"/users/{user_id}/posts"),
          )
          return profile, posts
    `,
  },
  {
    name: 'open() and a whole-file read inside a FastAPI route (no rewrite: the reads block too)',
    code: py`
      from fastapi import FastAPI

      app = FastAPI()

      @app.get("/report")
      async def report():
          with open("big-report.csv") as f:
              return {"rows": len(f.read().splitlines())}
    `,
    errors: [{ detector: 'py.blocking-call-in-async', line: 7 }],
    fixer: 'py.unblock-call',
    output: null,
  },
  {
    name: 'discord.py: ctx.send without await',
    code: py`
      import discord
      from discord.ext import commands

      bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())

      @bot.command()
      async def hello(ctx):
          ctx.send(f"Hello {ctx.author.mention}")  # nothing arrives
    `,
    errors: [{ detector: 'py.unawaited-coroutine', line: 8 }],
    fixer: 'py.add-await',
    output: py`
      import discord
      from discord.ext import commands

      bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())

      @bot.command()
      async def hello(ctx):
          await ctx.send(f"Hello {ctx.author.mention}")  # nothing arrives
    `,
  },
  {
    name: 'own async def called bare in a plain def: the def becomes async',
    code: py`
      import asyncio

      async def save(item):
          await asyncio.sleep(0.1)

      def handle(item):
          save(item)

      async def main():
          handle("x")
    `,
    errors: [{ detector: 'py.unawaited-coroutine', line: 7 }],
    fixer: 'py.add-await',
    output: py`
      import asyncio

      async def save(item):
          await asyncio.sleep(0.1)

      async def handle(item):
          await save(item)

      async def main():
          await handle("x")
    `,
  },
  {
    name: 'script calls main() instead of running it',
    code: py`
      async def main():
          print("hello")

      main()
    `,
    errors: [{ detector: 'py.unawaited-coroutine', line: 4 }],
    fixer: 'py.add-await',
    output: py`
      import asyncio

      async def main():
          print("hello")

      asyncio.run(main())
    `,
  },
  {
    name: 'coroutine indexed (aiohttp json)',
    code: py`
      import aiohttp

      async def get_json(session, url):
          async with session.get(url) as resp:
              return await resp.json()

      async def price(session):
          data = get_json(session, "http://127.0.0.1/price")
          return data["usd"]
    `,
    errors: [{ detector: 'py.coroutine-as-value', line: 8 }],
    fixer: 'py.add-await',
    output: py`
      import aiohttp

      async def get_json(session, url):
          async with session.get(url) as resp:
              return await resp.json()

      async def price(session):
          data = await get_json(session, "http://127.0.0.1/price")
          return data["usd"]
    `,
  },
  {
    name: 'pyppeteer launch() used as the browser (a library coroutine, no source in the paste)',
    code: py`
      import asyncio
      from pyppeteer.launcher import launch

      async def main(browser):
          page = await browser.newPage()
          await page.goto('https://example.com/')

      browser = launch()
      asyncio.run(main(browser))
    `,
    errors: [{ detector: 'py.coroutine-as-value', line: 8 }],
  },
  {
    name: 'coroutine attribute read directly',
    code: py`
      async def fetch_user(uid):
          return {"id": uid}

      async def show(uid):
          print(fetch_user(uid).get("id"))
    `,
    errors: [{ detector: 'py.coroutine-as-value', line: 5 }],
    fixer: 'py.add-await',
    output: py`
      async def fetch_user(uid):
          return {"id": uid}

      async def show(uid):
          print((await fetch_user(uid)).get("id"))
    `,
  },
  {
    name: 'Jupyter: asyncio.run in a cell',
    notebook: true,
    code: py`
      import asyncio
      async def main():
          await asyncio.sleep(1)
          return "ok"
      asyncio.run(main())
    `,
    errors: [{ detector: 'py.asyncio-run-in-async', line: 5 }],
    fixer: 'py.nested-run-to-await',
    output: py`
      import asyncio
      async def main():
          await asyncio.sleep(1)
          return "ok"
      await main()
    `,
  },
  {
    name: 'FastAPI route calling asyncio.run',
    code: py`
      import asyncio
      from fastapi import FastAPI

      app = FastAPI()

      async def load_report():
          await asyncio.sleep(0.1)
          return {"ok": True}

      @app.get("/report")
      async def report():
          result = asyncio.run(load_report())
          return result
    `,
    errors: [{ detector: 'py.asyncio-run-in-async', line: 12 }],
    fixer: 'py.nested-run-to-await',
    output: py`
      import asyncio
      from fastapi import FastAPI

      app = FastAPI()

      async def load_report():
          await asyncio.sleep(0.1)
          return {"ok": True}

      @app.get("/report")
      async def report():
          result = await load_report()
          return result
    `,
  },
  {
    name: 'run_until_complete inside async def',
    code: py`
      import asyncio

      async def job():
          return 1

      async def handler():
          loop = asyncio.get_event_loop()
          value = loop.run_until_complete(job())
          return value
    `,
    errors: [{ detector: 'py.run-until-complete-in-async', line: 8 }],
    fixer: 'py.nested-run-to-await',
    output: py`
      import asyncio

      async def job():
          return 1

      async def handler():
          loop = asyncio.get_event_loop()
          value = await job()
          return value
    `,
  },
  {
    name: 'threading.Thread(target=async def)',
    code: py`
      import threading

      async def poll(channel_id):
          while True:
              await check(channel_id)

      t = threading.Thread(target=poll, args=(1234,), daemon=True)
      t.start()
    `,
    errors: [{ detector: 'py.async-fn-in-thread', line: 7 }],
    fixer: 'py.thread-target-coroutine',
    output: py`
      import asyncio
      import threading

      async def poll(channel_id):
          while True:
              await check(channel_id)

      t = threading.Thread(target=lambda: asyncio.run(poll(1234)), daemon=True)
      t.start()
    `,
  },
  {
    name: 'run_in_executor with an async def',
    code: py`
      import asyncio

      async def download(url):
          await asyncio.sleep(1)

      async def main():
          loop = asyncio.get_running_loop()
          await loop.run_in_executor(None, download, "http://127.0.0.1/")
    `,
    errors: [{ detector: 'py.async-fn-in-thread', line: 8 }],
    fixer: 'py.thread-target-coroutine',
    output: py`
      import asyncio

      async def download(url):
          await asyncio.sleep(1)

      async def main():
          loop = asyncio.get_running_loop()
          await download("http://127.0.0.1/")
    `,
  },
  {
    name: 'await inside a plain def',
    code: py`
      import aiohttp

      def fetch_page(session, url):
          async with session.get(url) as resp:
              return await resp.text()
    `,
    errors: [{ detector: 'py.await-outside-async', line: 4 }],
    fixer: 'py.make-enclosing-async',
    output: py`
      import aiohttp

      async def fetch_page(session, url):
          async with session.get(url) as resp:
              return await resp.text()
    `,
  },
  {
    name: 'discord.py: time.sleep and requests in a command',
    code: py`
      import time
      import requests
      from discord.ext import commands

      bot = commands.Bot(command_prefix="!")

      @bot.command()
      async def joke(ctx):
          time.sleep(3)
          data = requests.get("https://example.invalid/joke", timeout=5).json()
          await ctx.send(data["joke"])
    `,
    errors: [
      { detector: 'py.blocking-call-in-async', line: 9 },
      { detector: 'py.blocking-call-in-async', line: 10 },
    ],
    fixer: 'py.unblock-call',
    output: py`
      import asyncio
      import time
      import requests
      from discord.ext import commands

      bot = commands.Bot(command_prefix="!")

      @bot.command()
      async def joke(ctx):
          await asyncio.sleep(3)
          data = (await asyncio.to_thread(requests.get, "https://example.invalid/joke", timeout=5)).json()
          await ctx.send(data["joke"])
    `,
  },
  {
    name: 'blocking through a sync helper, imported under another name',
    code: py`
      from time import sleep as pause
      import sqlite3

      def save_score(user, score):
          conn = sqlite3.connect("scores.db")
          conn.execute("insert into scores values (?, ?)", (user, score))
          conn.commit()

      def slow():
          pause(5)

      async def on_message(message):
          save_score(message.author.id, 1)
          slow()
    `,
    errors: [
      { detector: 'py.blocking-call-in-async', line: 13 },
      { detector: 'py.blocking-call-in-async', line: 14 },
    ],
    fixer: 'py.unblock-call',
    output: py`
      import asyncio
      from time import sleep as pause
      import sqlite3

      def save_score(user, score):
          conn = sqlite3.connect("scores.db")
          conn.execute("insert into scores values (?, ?)", (user, score))
          conn.commit()

      def slow():
          pause(5)

      async def on_message(message):
          await asyncio.to_thread(save_score, message.author.id, 1)
          await asyncio.to_thread(slow)
    `,
  },
  {
    name: 'subprocess.run and input() in async code',
    code: py`
      import subprocess

      async def deploy():
          name = input("branch? ")
          subprocess.run(["git", "pull", "origin", name], check=True)
    `,
    errors: [
      { detector: 'py.blocking-call-in-async', line: 4 },
      { detector: 'py.blocking-call-in-async', line: 5 },
    ],
    fixer: 'py.unblock-call',
    output: py`
      import asyncio
      import subprocess

      async def deploy():
          name = await asyncio.to_thread(input, "branch? ")
          await asyncio.to_thread(subprocess.run, ["git", "pull", "origin", name], check=True)
    `,
  },
  {
    name: 'asyncio.Queue used from a worker thread',
    code: py`
      import asyncio
      import threading

      queue = asyncio.Queue()
      loop = asyncio.new_event_loop()

      def reader():
          for line in open("log.txt"):
              queue.put_nowait(line)

      threading.Thread(target=reader).start()
    `,
    errors: [{ detector: 'py.asyncio-primitive-from-thread', line: 9 }],
    fixer: 'py.call-soon-threadsafe',
    output: py`
      import asyncio
      import threading

      queue = asyncio.Queue()
      loop = asyncio.new_event_loop()

      def reader():
          for line in open("log.txt"):
              loop.call_soon_threadsafe(queue.put_nowait, line)

      threading.Thread(target=reader).start()
    `,
  },
  {
    name: "asyncio.Queue handed to a thread target as its argument (Thread(target=producer, args=(queue,))): the parameter is the caller's queue",
    code: py`
      import asyncio
      import threading

      def producer(queue):
          for i in range(10):
              queue.put_nowait(i)

      async def main():
          queue = asyncio.Queue()
          threading.Thread(target=producer, args=(queue,)).start()
          await queue.get()
    `,
    errors: [{ detector: 'py.asyncio-primitive-from-thread', line: 6 }],
  },
  {
    name: 'a loop run by a thread target, then given tasks from the thread that started it',
    code: py`
      import asyncio
      from threading import Thread

      def serve(event_loop):
          event_loop.run_forever()

      async def tick(n):
          await asyncio.sleep(n)

      if __name__ == "__main__":
          loop = asyncio.new_event_loop()
          runner = Thread(target=serve, args=(loop,), daemon=True)
          runner.start()
          loop.create_task(tick(1), name="first")
          loop.call_later(5, print, "late")
    `,
    errors: [
      { detector: 'py.asyncio-primitive-from-thread', line: 14 },
      { detector: 'py.asyncio-primitive-from-thread', line: 15 },
    ],
    fixer: 'py.call-soon-threadsafe',
    output: py`
      import asyncio
      from threading import Thread

      def serve(event_loop):
          event_loop.run_forever()

      async def tick(n):
          await asyncio.sleep(n)

      if __name__ == "__main__":
          loop = asyncio.new_event_loop()
          runner = Thread(target=serve, args=(loop,), daemon=True)
          runner.start()
          asyncio.run_coroutine_threadsafe(tick(1), loop)
          loop.call_later(5, print, "late")
    `,
  },
  {
    name: 'loop.run_forever as the thread target, then call_soon from the main thread',
    code: py`
      import asyncio
      import threading

      class Bridge:
          def __init__(self):
              self.loop = asyncio.new_event_loop()
              threading.Thread(target=self.loop.run_forever, daemon=True).start()
              self.loop.call_soon(print, "ready")
    `,
    errors: [{ detector: 'py.asyncio-primitive-from-thread', line: 8 }],
    fixer: 'py.call-soon-threadsafe',
    output: py`
      import asyncio
      import threading

      class Bridge:
          def __init__(self):
              self.loop = asyncio.new_event_loop()
              threading.Thread(target=self.loop.run_forever, daemon=True).start()
              self.loop.call_soon_threadsafe(print, "ready")
    `,
  },
  {
    name: 'blocking calls ruff flake8-async reports: processes, os.path, pathlib, io.open and the sync httpx client',
    code: py`
      import io
      import os
      import subprocess
      from pathlib import Path

      import httpx

      async def deploy(root):
          subprocess.Popen(["git", "pull"], cwd=root)
          os.waitpid(0, 0)
          if os.path.exists(root):
              text = Path(root, "VERSION").read_text()
          log = io.open("deploy.log", "a")
          client = httpx.Client()
          client.post("https://hooks.example.com", json={"v": text})
    `,
    errors: [
      { detector: 'py.blocking-call-in-async', line: 9 },
      { detector: 'py.blocking-call-in-async', line: 10 },
      { detector: 'py.blocking-call-in-async', line: 11 },
      { detector: 'py.blocking-call-in-async', line: 12 },
      { detector: 'py.blocking-call-in-async', line: 13 },
      { detector: 'py.blocking-call-in-async', line: 15 },
    ],
    fixer: 'py.unblock-call',
    output: py`
      import asyncio
      import io
      import os
      import subprocess
      from pathlib import Path

      import httpx

      async def deploy(root):
          await asyncio.to_thread(subprocess.Popen, ["git", "pull"], cwd=root)
          await asyncio.to_thread(os.waitpid, 0, 0)
          if await asyncio.to_thread(os.path.exists, root):
              text = await asyncio.to_thread(Path(root, "VERSION").read_text)
          log = io.open("deploy.log", "a")
          client = httpx.Client()
          await asyncio.to_thread(client.post, "https://hooks.example.com", json={"v": text})
    `,
  },
  {
    name: 'a client of the running loop handed to asyncio.run in a worker thread, and a queue to a thread running asyncio.run',
    code: py`
      import asyncio
      import threading
      from concurrent.futures import ThreadPoolExecutor

      import httpx

      async def get(client, url):
          return await client.get(url)

      async def consume(queue):
          while True:
              print(await queue.get())

      async def main():
          loop = asyncio.get_running_loop()
          queue = asyncio.Queue()
          threading.Thread(target=asyncio.run, args=(consume(queue),)).start()
          async with httpx.AsyncClient() as client:
              with ThreadPoolExecutor() as pool:
                  await loop.run_in_executor(pool, asyncio.run, get(client, "https://example.com"))
    `,
    errors: [
      { detector: 'py.primitive-across-runs', line: 17 },
      { detector: 'py.primitive-across-runs', line: 20 },
    ],
  },
  {
    name: 'library coroutines called without await: AsyncSession from a factory, an aiohttp response, redis.asyncio, a FastAPI request body',
    code: py`
      import aiohttp
      from fastapi import FastAPI, Request
      from redis import asyncio as aioredis
      from sqlalchemy.ext.asyncio import async_sessionmaker

      app = FastAPI()
      make_session = async_sessionmaker(engine)
      cache = aioredis.from_url("redis://127.0.0.1")

      @app.post("/items")
      async def create(request: Request):
          payload = request.json()
          async with make_session() as session:
              session.add(Item(**payload))
              session.commit()

      async def log_page(http: aiohttp.ClientSession):
          async with http.get("https://example.com") as resp:
              print(resp.text())
          cache.set("last", "page")
    `,
    errors: [
      { detector: 'py.unawaited-coroutine', line: 15 },
      { detector: 'py.coroutine-as-value', line: 19 },
      { detector: 'py.unawaited-coroutine', line: 20 },
    ],
  },
  {
    name: 'aiogram, Telethon, Motor and Playwright coroutines called without await',
    code: py`
      from aiogram import Router
      from motor.motor_asyncio import AsyncIOMotorClient
      from playwright.async_api import async_playwright
      from telethon import TelegramClient, events

      router = Router()
      db = AsyncIOMotorClient().app

      @router.message()
      async def echo(message):
          message.answer(message.text)

      async def save(user):
          db.users.insert_one(user)

      async def shot(url):
          async with async_playwright() as p:
              browser = await p.chromium.launch()
              page = await browser.new_page()
              page.goto(url)

      async def greet(client: TelegramClient):
          client.send_message("me", "hello")
    `,
    errors: [
      { detector: 'py.unawaited-coroutine', line: 11 },
      { detector: 'py.unawaited-coroutine', line: 14 },
      { detector: 'py.unawaited-coroutine', line: 20 },
      { detector: 'py.unawaited-coroutine', line: 23 },
    ],
  },
  {
    name: 'async with on what is not an async context manager: open(), a threading lock, a coroutine, an undecorated async generator',
    code: py`
      import threading

      import asyncpg

      guard = threading.Lock()

      async def rows():
          yield 1

      async def main(dsn):
          async with open("data.txt") as f:
              print(f.read())
          async with guard:
              pass
          async with asyncpg.connect(dsn) as conn:
              await conn.execute("SELECT 1")
          async with rows() as r:
              print(r)
    `,
    errors: [
      { detector: 'py.async-with-sync-cm', line: 11 },
      // The open itself also blocks: a low-confidence tip under the TypeError.
      { detector: 'py.blocking-call-in-async', line: 11 },
      { detector: 'py.async-with-sync-cm', line: 13 },
      { detector: 'py.async-with-sync-cm', line: 15 },
      { detector: 'py.async-with-sync-cm', line: 17 },
    ],
  },
  {
    name: 'async with on a class of the paste that has __enter__ and no __aenter__: a plain context manager, opened with a plain with',
    code: py`
      class SyncContext:
          def __enter__(self):
              return self

          def __exit__(self, exc_type, exc, tb):
              print("bye")

      async def wrong_use():
          async with SyncContext():
              print("Inside")
    `,
    errors: [{ detector: 'py.async-with-sync-cm', line: 9 }],
    fixer: 'py.use-async-with',
    output: py`
      class SyncContext:
          def __enter__(self):
              return self

          def __exit__(self, exc_type, exc, tb):
              print("bye")

      async def wrong_use():
          with SyncContext():
              print("Inside")
    `,
  },
  {
    name: 'a diff hunk inside an async def: the removed blocking call and the added unawaited one are both read',
    code: py`
      @@ -12,7 +12,7 @@ async def refresh(self, request):
           if request.app.state.slow:
      -        time.sleep(request.app.state.delay)
      +        asyncio.sleep(request.app.state.delay)
           return await self.render(request)
    `,
    errors: [
      { detector: 'py.blocking-call-in-async', line: 3 },
      { detector: 'py.unawaited-coroutine', line: 4 },
    ],
  },
  {
    name: 'the thread has no current loop after asyncio.run: get_event_loop, and python-telegram-bot run_polling',
    code: py`
      import asyncio
      from telegram.ext import ApplicationBuilder

      app = ApplicationBuilder().token(TOKEN).build()

      async def setup():
          await app.bot.set_my_commands([])

      def main():
          asyncio.run(setup())
          app.run_polling()

      asyncio.run(setup())
      loop = asyncio.get_event_loop()
    `,
    errors: [
      { detector: 'py.loop-gone-after-run', line: 11 },
      { detector: 'py.get-event-loop-top-level', line: 14 },
      { detector: 'py.loop-gone-after-run', line: 14 },
    ],
  },
  {
    name: 'a loop looked up after asyncio.run only where the thread has one: set again, before the run, another branch, another function',
    code: py`
      import asyncio

      async def job():
          await asyncio.sleep(0)

      def first():
          loop = asyncio.get_event_loop()
          asyncio.run(job())
          asyncio.set_event_loop(asyncio.new_event_loop())
          return loop, asyncio.get_event_loop()

      def either(fast):
          if fast:
              asyncio.run(job())
          else:
              asyncio.get_event_loop().run_until_complete(job())

      def later():
          return asyncio.get_event_loop()

      asyncio.run(job())
    `,
    // Only the deprecation: each of these threads still has a loop to find.
    errors: [
      { detector: 'py.get-event-loop-top-level', line: 7 },
      { detector: 'py.get-event-loop-top-level', line: 10 },
      { detector: 'py.get-event-loop-top-level', line: 16 },
      { detector: 'py.get-event-loop-top-level', line: 19 },
    ],
  },
  {
    name: 'create_task result dropped',
    code: py`
      import asyncio

      async def heartbeat():
          while True:
              await asyncio.sleep(30)

      async def main():
          asyncio.create_task(heartbeat())
          await asyncio.sleep(3600)
    `,
    errors: [{ detector: 'py.task-not-kept', line: 8 }],
    fixer: 'py.keep-task-reference',
    output: py`
      import asyncio

      background_tasks = set()

      async def heartbeat():
          while True:
              await asyncio.sleep(30)

      async def main():
          task = asyncio.create_task(heartbeat())
          background_tasks.add(task)
          task.add_done_callback(background_tasks.discard)
          await asyncio.sleep(3600)
    `,
  },
  {
    name: 'asyncio.run(main) without the call',
    code: py`
      import asyncio

      async def main():
          print("hi")

      asyncio.run(main)
    `,
    errors: [{ detector: 'py.coroutine-function-not-called', line: 6 }],
    fixer: 'py.call-coroutine-function',
    output: py`
      import asyncio

      async def main():
          print("hi")

      asyncio.run(main())
    `,
  },
  {
    name: 'gather given functions',
    code: py`
      import asyncio

      async def a():
          return 1

      async def b():
          return 2

      async def main():
          return await asyncio.gather(a, b)
    `,
    errors: [
      { detector: 'py.coroutine-function-not-called', line: 10 },
      { detector: 'py.coroutine-function-not-called', line: 10 },
    ],
    fixer: 'py.call-coroutine-function',
    output: py`
      import asyncio

      async def a():
          return 1

      async def b():
          return 2

      async def main():
          return await asyncio.gather(a(), b())
    `,
  },
  {
    name: 'await time.sleep',
    code: py`
      import time

      async def countdown(n):
          for i in range(n, 0, -1):
              print(i)
              await time.sleep(1)
    `,
    errors: [{ detector: 'py.await-non-awaitable', line: 6 }],
    fixer: 'py.remove-bad-await',
    output: py`
      import asyncio
      import time

      async def countdown(n):
          for i in range(n, 0, -1):
              print(i)
              await asyncio.sleep(1)
    `,
  },
  {
    name: 'await on a plain def of the snippet',
    code: py`
      def build_embed(title):
          return {"title": title}

      async def send_embed(channel):
          embed = await build_embed("Stats")
          await channel.send(embed=embed)
    `,
    errors: [{ detector: 'py.await-non-awaitable', line: 5 }],
    fixer: 'py.remove-bad-await',
    output: py`
      def build_embed(title):
          return {"title": title}

      async def send_embed(channel):
          embed = build_embed("Stats")
          await channel.send(embed=embed)
    `,
  },
  {
    name: 'for over an async generator',
    code: py`
      async def pages(client):
          for n in range(3):
              yield await client.get_page(n)

      async def main(client):
          for page in pages(client):
              print(page)
    `,
    errors: [{ detector: 'py.sync-iteration-of-async', line: 6 }],
    fixer: 'py.use-async-for',
    output: py`
      async def pages(client):
          for n in range(3):
              yield await client.get_page(n)

      async def main(client):
          async for page in pages(client):
              print(page)
    `,
  },
  {
    name: 'with aiohttp.ClientSession() inside async def',
    code: py`
      import aiohttp

      async def fetch(url):
          with aiohttp.ClientSession() as session:
              async with session.get(url) as resp:
                  return await resp.text()
    `,
    errors: [{ detector: 'py.sync-with-async-cm', line: 4 }],
    fixer: 'py.use-async-with',
    output: py`
      import aiohttp

      async def fetch(url):
          async with aiohttp.ClientSession() as session:
              async with session.get(url) as resp:
                  return await resp.text()
    `,
  },
  {
    name: 'with self.lock on an asyncio.Lock',
    code: py`
      import asyncio

      class Counter:
          def __init__(self):
              self.lock = asyncio.Lock()
              self.value = 0

          async def bump(self):
              with self.lock:
                  self.value += 1
    `,
    errors: [{ detector: 'py.sync-with-async-cm', line: 9 }],
    fixer: 'py.use-async-with',
    output: py`
      import asyncio

      class Counter:
          def __init__(self):
              self.lock = asyncio.Lock()
              self.value = 0

          async def bump(self):
              async with self.lock:
                  self.value += 1
    `,
  },
  {
    name: 'a session made at module level and used by a handler, never closed',
    code: py`
      import aiohttp

      jar = aiohttp.CookieJar(unsafe=True)
      session = aiohttp.ClientSession(cookie_jar=jar)

      async def fetch(url):
          async with session.get(url) as resp:
              return await resp.text()
    `,
    errors: [{ detector: 'py.session-per-request', line: 4 }],
  },
  {
    name: 'aiohttp session per request and never closed',
    code: py`
      import aiohttp

      async def get_status(url):
          session = aiohttp.ClientSession()
          resp = await session.get(url)
          return resp.status
    `,
    errors: [{ detector: 'py.session-per-request', line: 4 }],
  },
  {
    name: 'get_event_loop at the top of a script',
    code: py`
      import asyncio

      async def main():
          await asyncio.sleep(1)

      loop = asyncio.get_event_loop()
      loop.run_until_complete(main())
      loop.close()
    `,
    errors: [{ detector: 'py.get-event-loop-top-level', line: 6 }],
    fixer: 'py.use-asyncio-run',
    output: py`
      import asyncio

      async def main():
          await asyncio.sleep(1)

      asyncio.run(main())
    `,
  },
  {
    name: 'discord.py 2: load_extension in a loop at module level',
    code: py`
      import os
      import discord
      from discord.ext import commands

      bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())

      for filename in os.listdir("./cogs"):
          if filename.endswith(".py"):
              bot.load_extension(f"cogs.{filename[:-3]}")

      bot.run("TOKEN")
    `,
    errors: [
      { detector: 'py.discord-setup-not-awaited', line: 9 },
      { detector: 'py.unawaited-coroutine', line: 9 },
    ],
    fixer: 'py.load-extension-setup-hook',
    output: py`
      import os
      import discord
      from discord.ext import commands

      bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())

      @bot.event
      async def setup_hook():
          for filename in os.listdir("./cogs"):
              if filename.endswith(".py"):
                  await bot.load_extension(f"cogs.{filename[:-3]}")

      bot.run("TOKEN")
    `,
  },
  {
    name: 'discord.py 2: sync setup in an extension',
    code: py`
      from discord.ext import commands

      class Fun(commands.Cog):
          def __init__(self, bot):
              self.bot = bot

      def setup(bot):
          bot.add_cog(Fun(bot))
    `,
    errors: [
      { detector: 'py.discord-setup-not-awaited', line: 7 },
      { detector: 'py.discord-setup-not-awaited', line: 8 },
      { detector: 'py.unawaited-coroutine', line: 8 },
    ],
    fixer: 'py.load-extension-setup-hook',
    output: py`
      from discord.ext import commands

      class Fun(commands.Cog):
          def __init__(self, bot):
              self.bot = bot

      async def setup(bot):
          await bot.add_cog(Fun(bot))
    `,
  },
  {
    name: 'fragment pasted from inside a method, with fences and a traceback',
    code: py`
      \`\`\`py
              time.sleep(5)
              await message.channel.send("done")
      Traceback (most recent call last):
        File "bot.py", line 12, in on_message
          await message.channel.send("done")
      discord.errors.HTTPException: 400 Bad Request
      \`\`\`
    `,
    errors: [{ detector: 'py.blocking-call-in-async', line: 2 }],
    fixer: 'py.unblock-call',
    output: py`
      \`\`\`py
              await asyncio.sleep(5)
              await message.channel.send("done")
      Traceback (most recent call last):
        File "bot.py", line 12, in on_message
          await message.channel.send("done")
      discord.errors.HTTPException: 400 Bad Request
      \`\`\`
    `,
  },
  {
    name: 'hinted coroutine name from a RuntimeWarning',
    coroutineNames: ['update_stats'],
    code: py`
      from stats import update_stats

      async def on_member_join(member):
          update_stats(member.guild.id)
    `,
    errors: [{ detector: 'py.unawaited-coroutine', line: 4 }],
    fixer: 'py.add-await',
    output: py`
      from stats import update_stats

      async def on_member_join(member):
          await update_stats(member.guild.id)
    `,
  },

  {
    name: 'the same coroutine awaited twice',
    code: py`
      import asyncio

      async def fetch_price():
          await asyncio.sleep(0)
          return 9.99

      async def main():
          price = fetch_price()
          first = await price
          second = await price
          print(first, second)
    `,
    errors: [{ detector: 'py.coroutine-awaited-twice', line: 10 }],
    fixer: 'py.await-coroutine-once',
    output: py`
      import asyncio

      async def fetch_price():
          await asyncio.sleep(0)
          return 9.99

      async def main():
          price = await fetch_price()
          first = price
          second = price
          print(first, second)
    `,
  },
  {
    name: 'a retry loop awaiting one coroutine object on every attempt',
    code: py`
      import asyncio
      import aiohttp

      async def get_status(session, url):
          async with session.get(url) as resp:
              return resp.status

      async def check(session, url):
          attempt = get_status(session, url)
          for n in range(3):
              try:
                  return await attempt
              except aiohttp.ClientError:
                  await asyncio.sleep(n)
    `,
    errors: [{ detector: 'py.coroutine-awaited-twice', line: 12 }],
    fixer: 'py.await-coroutine-once',
    output: py`
      import asyncio
      import aiohttp

      async def get_status(session, url):
          async with session.get(url) as resp:
              return resp.status

      async def check(session, url):
          for n in range(3):
              try:
                  return await get_status(session, url)
              except aiohttp.ClientError:
                  await asyncio.sleep(n)
    `,
  },
  {
    name: 'a coroutine handed to create_task and awaited as well',
    code: py`
      import asyncio

      async def sync_commands(bot):
          await bot.tree.sync()

      async def setup(bot):
          job = sync_commands(bot)
          task = asyncio.create_task(job)
          await job
          return task
    `,
    errors: [{ detector: 'py.coroutine-awaited-twice', line: 9 }],
    fixer: 'py.await-coroutine-once',
    output: null,
  },
  {
    name: 'run_until_complete after loop.close()',
    code: py`
      import asyncio

      async def main():
          print("hi")

      loop = asyncio.new_event_loop()
      loop.run_until_complete(main())
      loop.close()
      loop.run_until_complete(main())
    `,
    errors: [{ detector: 'py.loop-used-after-run', line: 9 }],
    fixer: 'py.close-loop-after-use',
    output: py`
      import asyncio

      async def main():
          print("hi")

      loop = asyncio.new_event_loop()
      loop.run_until_complete(main())
      loop.run_until_complete(main())
      loop.close()
    `,
  },
  {
    name: 'a loop closed inside the for loop that reuses it',
    code: py`
      import asyncio

      async def fetch(url):
          return url

      def crawl(urls):
          loop = asyncio.new_event_loop()
          for url in urls:
              loop.run_until_complete(fetch(url))
              loop.close()
    `,
    errors: [{ detector: 'py.loop-used-after-run', line: 9 }],
    fixer: 'py.close-loop-after-use',
    output: py`
      import asyncio

      async def fetch(url):
          return url

      def crawl(urls):
          loop = asyncio.new_event_loop()
          for url in urls:
              loop.run_until_complete(fetch(url))
          loop.close()
    `,
  },
  {
    name: 'the running loop saved in a global and used after asyncio.run()',
    code: py`
      import asyncio

      saved_loop = None

      async def main():
          global saved_loop
          saved_loop = asyncio.get_running_loop()

      asyncio.run(main())
      saved_loop.call_soon(print, "too late")
    `,
    errors: [{ detector: 'py.loop-used-after-run', line: 10 }],
    fixer: 'py.close-loop-after-use',
    output: null,
  },
  {
    name: 'a module-level httpx client used by two asyncio.run() calls (FastAPI-style script)',
    code: py`
      import asyncio
      import httpx

      client = httpx.AsyncClient(base_url="http://127.0.0.1:8000")

      async def health():
          r = await client.get("/health")
          return r.status_code

      print(asyncio.run(health()))
      print(asyncio.run(health()))
    `,
    errors: [{ detector: 'py.loop-used-after-run', line: 11 }],
  },
  {
    name: 'a task stored and never awaited',
    code: py`
      import asyncio

      async def save_score(user, points):
          scores = {}
          scores[user] += points

      async def main():
          task = asyncio.create_task(save_score("ana", 10))
          await asyncio.sleep(0.01)
          print("main done")
    `,
    errors: [{ detector: 'py.task-never-awaited', line: 8 }],
  },
  {
    name: 'discord.py: a task started in a command and forgotten',
    code: py`
      import asyncio
      from discord.ext import commands

      bot = commands.Bot(command_prefix="!")

      async def remind(ctx, minutes):
          await asyncio.sleep(minutes * 60)
          await ctx.send("time is up")

      @bot.command()
      async def timer(ctx, minutes: int):
          reminder = asyncio.create_task(remind(ctx, minutes))
          await ctx.send(f"I will remind you in {minutes} minutes")
    `,
    errors: [{ detector: 'py.task-never-awaited', line: 12 }],
  },
  {
    name: 'a module-level lock used by two asyncio.run() calls',
    code: py`
      import asyncio

      lock = asyncio.Lock()

      async def worker(n):
          async with lock:
              await asyncio.sleep(0.01)
              return n

      async def main():
          return await asyncio.gather(worker(1), worker(2))

      print(asyncio.run(main()))
      print(asyncio.run(main()))
    `,
    errors: [{ detector: 'py.primitive-across-runs', line: 3 }],
  },
  {
    name: 'a queue made in __init__ of a module-level object, one run per test',
    code: py`
      import asyncio

      class Jobs:
          def __init__(self):
              self.queue = asyncio.Queue()

          async def next(self):
              return await self.queue.get()

      jobs = Jobs()

      def test_first():
          jobs.queue.put_nowait(1)
          assert asyncio.run(jobs.next()) == 1

      def test_second():
          jobs.queue.put_nowait(2)
          assert asyncio.run(jobs.next()) == 2
    `,
    errors: [{ detector: 'py.primitive-across-runs', line: 5 }],
  },
  {
    name: 'Python 3.8: a module-level event binds to the loop at creation',
    code: py`
      # Python 3.8
      import asyncio

      ready = asyncio.Event()

      async def main():
          ready.set()
          await ready.wait()

      asyncio.run(main())
    `,
    errors: [{ detector: 'py.primitive-across-runs', line: 4 }],
  },
  {
    name: 'asyncio.run in a file that imports sys and uses it, but not asyncio: the imports shown are the whole list',
    code: py`
      import sys

      async def main():
          print(sys.argv)

      asyncio.run(main())
    `,
    errors: [{ detector: 'py.asyncio-not-imported', line: 6 }],
    fixer: 'py.import-asyncio',
    output: py`
      import asyncio
      import sys

      async def main():
          print(sys.argv)

      asyncio.run(main())
    `,
  },
  {
    name: 'asyncio.run in a file that imports other modules but not asyncio',
    code: py`
      import json
      from pathlib import Path

      async def main():
          print(json.loads(Path("config.json").read_text()))

      asyncio.run(main())
    `,
    // ruff's ASYNC240 reports the read too: a tip-level blocking call, below the missing import.
    errors: [
      { detector: 'py.blocking-call-in-async', line: 5 },
      { detector: 'py.asyncio-not-imported', line: 7 },
    ],
    fixer: 'py.import-asyncio',
    output: py`
      import asyncio
      import json
      from pathlib import Path

      async def main():
          print(json.loads(Path("config.json").read_text()))

      asyncio.run(main())
    `,
  },
  {
    name: 'discord.py 2: add_cog at module level on a bot that is then run (no discord import in the paste)',
    code: py`
      from mybot import make_bot, Music

      client = make_bot()
      client.add_cog(Music(client))
      client.run("TOKEN")
    `,
    errors: [{ detector: 'py.discord-setup-not-awaited', line: 4 }],
    fixer: 'py.load-extension-setup-hook',
    output: py`
      from mybot import make_bot, Music

      client = make_bot()
      @client.event
      async def setup_hook():
          await client.add_cog(Music(client))

      client.run("TOKEN")
    `,
  },

  {
    name: 'Flask: a sync route runs asyncio.run per request with a module-level httpx client',
    code: py`
      import asyncio
      import httpx
      from flask import Flask

      app = Flask(__name__)
      client = httpx.AsyncClient()

      async def fetch_weather(city):
          r = await client.get(f"http://127.0.0.1:9000/weather/{city}")
          return r.json()

      @app.route("/weather/<city>")
      def weather(city):
          return asyncio.run(fetch_weather(city))
    `,
    errors: [{ detector: 'py.loop-used-after-run', line: 14 }],
  },
  {
    name: 'a sync wrapper around asyncio.run called in a loop, with a module-level semaphore',
    code: py`
      import asyncio

      limit = asyncio.Semaphore(5)

      async def download(url):
          async with limit:
              await asyncio.sleep(0.1)
              return url

      def download_sync(url):
          return asyncio.run(download(url))

      for u in ["a", "b", "c"]:
          print(download_sync(u))
    `,
    errors: [{ detector: 'py.primitive-across-runs', line: 3 }],
  },

  {
    name: 'a retry helper awaiting the coroutine it was given on every attempt',
    code: py`
      import asyncio

      async def download():
          await asyncio.sleep(0)
          raise ConnectionError("server hung up")

      async def with_retries(coro, tries=3):
          for attempt in range(tries):
              try:
                  return await coro
              except ConnectionError as exc:
                  print("attempt", attempt + 1, "failed:", exc)

      async def main():
          print(await with_retries(download()))
    `,
    errors: [{ detector: 'py.coroutine-awaited-twice', line: 10 }],
    fixer: 'py.await-coroutine-once',
    output: null,
  },
  {
    name: 'a module-level object holding a connection made in the first asyncio.run()',
    code: py`
      import asyncio

      class Client:
          async def connect(self, port):
              self.reader, self.writer = await asyncio.open_connection("127.0.0.1", port)

          async def close(self):
              self.writer.close()
              await self.writer.wait_closed()

      client = Client()

      asyncio.run(client.connect(8888))
      asyncio.run(client.close())
    `,
    errors: [{ detector: 'py.loop-used-after-run', line: 14 }],
  },
  {
    name: 'run_in_executor called without await in async code',
    code: py`
      import asyncio

      def save_report(data):
          with open("report.json", "w") as f:
              f.write(data)

      async def on_message(message):
          loop = asyncio.get_running_loop()
          loop.run_in_executor(None, save_report, message)
          asyncio.get_event_loop().run_in_executor(None, save_report, "done")
    `,
    errors: [
      { detector: 'py.future-not-awaited', line: 9 },
      { detector: 'py.future-not-awaited', line: 10 },
    ],
    fixer: 'py.add-await',
    output: py`
      import asyncio

      def save_report(data):
          with open("report.json", "w") as f:
              f.write(data)

      async def on_message(message):
          loop = asyncio.get_running_loop()
          await loop.run_in_executor(None, save_report, message)
          await asyncio.get_event_loop().run_in_executor(None, save_report, "done")
    `,
  },
  {
    name: 'discord.py: bot.loop.run_in_executor dropped in a command',
    code: py`
      from discord.ext import commands

      bot = commands.Bot(command_prefix="!")

      def render_chart(user_id):
          return f"chart-{user_id}.png"

      @bot.command()
      async def chart(ctx):
          bot.loop.run_in_executor(None, render_chart, ctx.author.id)
          await ctx.send("working on it")
    `,
    errors: [{ detector: 'py.future-not-awaited', line: 10 }],
  },
  {
    name: 'loop.stop handed to call_later and to a signal handler while run_until_complete waits',
    code: py`
      import asyncio
      import signal

      async def task():
          loop.call_later(1, loop.stop)
          await asyncio.sleep(5000)

      loop = asyncio.get_event_loop()
      loop.add_signal_handler(signal.SIGINT, loop.stop)
      loop.run_until_complete(task())
    `,
    errors: [
      { detector: 'py.get-event-loop-top-level', line: 8 },
      { detector: 'py.loop-stop-while-waiting', line: 5 },
      { detector: 'py.loop-stop-while-waiting', line: 9 },
    ],
  },
  {
    name: 'a task and a signal callback stop the loop under asyncio.run()',
    code: py`
      import asyncio
      import functools
      import signal

      def ask_exit(signame):
          print("got", signame)
          asyncio.get_running_loop().stop()

      async def watchdog():
          await asyncio.sleep(60)
          asyncio.get_running_loop().stop()

      async def main():
          loop = asyncio.get_running_loop()
          loop.add_signal_handler(signal.SIGTERM, functools.partial(ask_exit, "SIGTERM"))
          guard = asyncio.create_task(watchdog())
          await asyncio.sleep(3600)
          await guard

      asyncio.run(main())
    `,
    errors: [
      { detector: 'py.loop-stop-while-waiting', line: 7 },
      { detector: 'py.loop-stop-while-waiting', line: 11 },
    ],
  },
  {
    name: 'Django: get, a chained first() used as a value, and a plain for over a queryset in an async view',
    code: py`
      from django.http import JsonResponse

      from shop.models import Book, Review

      async def book_detail(request, pk):
          book = Book.objects.get(pk=pk)
          latest = Review.objects.filter(book=book).order_by("-id").first().text
          names = []
          for review in Review.objects.filter(book=book):
              names.append(review.author)
          return JsonResponse({"title": book.title, "latest": latest, "reviewers": names})
    `,
    errors: [
      { detector: 'py.django-orm-in-async', line: 6 },
      { detector: 'py.django-orm-in-async', line: 7 },
      { detector: 'py.django-orm-in-async', line: 9 },
    ],
    fixer: 'py.django-sync-to-async',
    output: py`
      from asgiref.sync import sync_to_async
      from django.http import JsonResponse

      from shop.models import Book, Review

      async def book_detail(request, pk):
          book = await sync_to_async(Book.objects.get)(pk=pk)
          latest = (await sync_to_async(Review.objects.filter(book=book).order_by("-id").first)()).text
          names = []
          for review in await sync_to_async(list)(Review.objects.filter(book=book)):
              names.append(review.author)
          return JsonResponse({"title": book.title, "latest": latest, "reviewers": names})
    `,
  },
  {
    name: 'Django in a notebook cell: create() and len() of a queryset at the top level',
    notebook: true,
    code: py`
      import django
      django.setup()
      from targets.models import Target

      t = Target.objects.create(name="m31")
      print(len(Target.objects.all()))
    `,
    errors: [
      { detector: 'py.django-orm-in-async', line: 5 },
      { detector: 'py.django-orm-in-async', line: 6 },
    ],
    fixer: 'py.django-sync-to-async',
    output: py`
      from asgiref.sync import sync_to_async
      import django
      django.setup()
      from targets.models import Target

      t = await sync_to_async(Target.objects.create)(name="m31")
      print(await sync_to_async(len)(Target.objects.all()))
    `,
  },
  {
    name: 'SQLAlchemy: a session dependency commits after yield with the default expire_on_commit (no imports shown)',
    code: py`
      async def get_session() -> AsyncIterator[AsyncSession]:
          engine = create_async_engine(settings.db_url)
          make_session = async_sessionmaker(engine)
          async with make_session() as db:
              yield db
              await db.commit()
    `,
    errors: [{ detector: 'py.sqlalchemy-implicit-io', line: 6 }],
  },
  {
    name: 'SQLAlchemy: a lazy relationship read in async code, and create_engine with an asyncpg URL',
    code: py`
      from sqlalchemy import ForeignKey, create_engine, select
      from sqlalchemy.ext.asyncio import AsyncSession
      from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

      class Base(DeclarativeBase):
          pass

      class User(Base):
          __tablename__ = "users"
          id: Mapped[int] = mapped_column(primary_key=True)
          addresses: Mapped[list["Address"]] = relationship(back_populates="user")

      class Address(Base):
          __tablename__ = "addresses"
          id: Mapped[int] = mapped_column(primary_key=True)
          user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
          user: Mapped["User"] = relationship(back_populates="addresses")

      engine = create_engine("postgresql+asyncpg://app@localhost/app")

      async def emails(session: AsyncSession, user_id):
          user = await session.scalar(select(User).where(User.id == user_id))
          return [a.id for a in user.addresses]
    `,
    errors: [
      { detector: 'py.sqlalchemy-implicit-io', line: 19 },
      { detector: 'py.sqlalchemy-implicit-io', line: 23 },
    ],
  },
  {
    name: 'SQLAlchemy: an attribute read after commit with the default expire_on_commit',
    code: py`
      from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

      from app.models import User

      engine = create_async_engine("sqlite+aiosqlite:///app.db")
      Session = async_sessionmaker(engine)

      async def create_user(name):
          async with Session() as session:
              user = User(name=name)
              session.add(user)
              await session.commit()
              return {"id": user.id, "name": user.name}
    `,
    errors: [{ detector: 'py.sqlalchemy-implicit-io', line: 13 }],
  },
  {
    name: 'pytest: unmarked async tests, one of them in a Test class, next to a marked one',
    code: py`
      import pytest

      from app.client import fetch_user

      async def test_fetch_user():
          user = await fetch_user(1)
          assert user["id"] == 1

      @pytest.mark.asyncio
      async def test_marked():
          assert await fetch_user(2)

      class TestErrors:
          @pytest.mark.parametrize("uid", [0, -1])
          async def test_bad_id(self, uid):
              with pytest.raises(ValueError):
                  await fetch_user(uid)
    `,
    errors: [
      { detector: 'py.async-test-not-marked', line: 5 },
      { detector: 'py.async-test-not-marked', line: 15 },
    ],
    fixer: 'py.mark-async-test',
    output: py`
      import pytest

      from app.client import fetch_user

      @pytest.mark.asyncio
      async def test_fetch_user():
          user = await fetch_user(1)
          assert user["id"] == 1

      @pytest.mark.asyncio
      async def test_marked():
          assert await fetch_user(2)

      class TestErrors:
          @pytest.mark.parametrize("uid", [0, -1])
          @pytest.mark.asyncio
          async def test_bad_id(self, uid):
              with pytest.raises(ValueError):
                  await fetch_user(uid)
    `,
  },
  {
    name: 'pytest: an unmarked async test whose fixtures are no async plugin\'s (tmp_path, a server of its own)',
    code: py`
      from aiohttp import web

      async def test_index(tmp_path, my_server):
          app = web.Application()
          assert await my_server(app)
    `,
    errors: [{ detector: 'py.async-test-not-marked', line: 3 }],
  },
  {
    name: 'pytest: an unmarked async test that returns early without a value is still a test pytest collects',
    code: py`
      import pytest

      async def test_skip_when_offline(client):
          if not client.online:
              return
          assert await client.ping()
    `,
    errors: [{ detector: 'py.async-test-not-marked', line: 3 }],
  },
  {
    name: "pytest: an unmarked async test whose own fixture asks for no async plugin's fixture",
    code: py`
      import pytest

      @pytest.fixture
      def db(tmp_path):
          return tmp_path / 'db.sqlite'

      async def test_open(db):
          assert db.name == 'db.sqlite'
    `,
    errors: [{ detector: 'py.async-test-not-marked', line: 7 }],
  },
  {
    name: 'pytest: an unmarked async test in a file without import pytest, in an anyio project',
    code: py`
      import anyio

      async def test_timeout():
          with anyio.fail_after(1):
              await anyio.sleep(0)
    `,
    errors: [{ detector: 'py.async-test-not-marked', line: 3 }],
    fixer: 'py.mark-async-test',
    output: py`
      import pytest
      import anyio

      @pytest.mark.anyio
      async def test_timeout():
          with anyio.fail_after(1):
              await anyio.sleep(0)
    `,
  },
  {
    name: 'sequential awaits: one request repeated by a counting loop',
    code: py`
      import aiohttp

      async def load_test(session: aiohttp.ClientSession):
          statuses = []
          for _ in range(50):
              statuses.append(await session.get("http://127.0.0.1:8000/health"))
          return statuses
    `,
    errors: [{ detector: 'py.sequential-awaits', line: 5 }],
    fixer: 'py.gather',
    output: py`
      import asyncio
      import aiohttp

      async def load_test(session: aiohttp.ClientSession):
          statuses = []
          statuses.extend(await asyncio.gather(*(session.get("http://127.0.0.1:8000/health") for _ in range(50))))
          return statuses
    `,
  },
  {
    name: 'sequential awaits: a global declared in the function is not what the turn assigns',
    code: py`
      async def fetch_all(session, urls):
          global fetched
          for url in urls:
              page = await session.get(url)
              print(page.status)
          fetched = True
    `,
    errors: [{ detector: 'py.sequential-awaits', line: 3 }],
  },
  {
    name: 'sequential awaits in a list comprehension',
    code: py`
      import aiohttp

      async def titles(session: aiohttp.ClientSession, urls):
          pages = [await fetch_page(session, url) for url in urls if url]
          return [p.title for p in pages]
    `,
    errors: [{ detector: 'py.sequential-awaits', line: 4 }],
  },
  {
    name: 'sequential awaits in a generator-based coroutine (yield from), whose script starts the loop the way of its time',
    code: py`
      import asyncio

      @asyncio.coroutine
      def download(loop, urls, get):
          pages = []
          for url in urls:
              future = loop.run_in_executor(None, get, url)
              page = yield from future
              pages.append(page)
          return pages

      loop = asyncio.get_event_loop()
      loop.run_until_complete(download(loop, URLS, fetch))
    `,
    errors: [{ detector: 'py.sequential-awaits', line: 6 }],
    // The rewrite would await inside a plain def: the fixer leaves generator-based coroutines alone.
    fixer: 'py.gather',
    output: null,
  },
  {
    name: 'sequential awaits: results appended one by one',
    code: py`
      import asyncio

      async def fetch_price(symbol):
          await asyncio.sleep(0.2)
          return symbol

      async def main(symbols):
          prices = []
          for symbol in symbols:
              prices.append(await fetch_price(symbol))
          return prices
    `,
    errors: [{ detector: 'py.sequential-awaits', line: 9 }],
    fixer: 'py.gather',
    output: py`
      import asyncio

      async def fetch_price(symbol):
          await asyncio.sleep(0.2)
          return symbol

      async def main(symbols):
          prices = []
          prices.extend(await asyncio.gather(*(fetch_price(symbol) for symbol in symbols)))
          return prices
    `,
  },
  {
    name: 'sequential awaits: an aiohttp download per URL written to its own file, with a continue',
    code: py`
      import aiohttp

      async def download_all(urls):
          async with aiohttp.ClientSession() as session:
              for url in urls:
                  if not url:
                      continue
                  async with session.get(url) as resp:
                      body = await resp.read()
                  name = url.rsplit("/", 1)[-1]
                  with open(name, "wb") as f:
                      f.write(body)
    `,
    errors: [
      { detector: 'py.blocking-call-in-async', line: 11 },
      { detector: 'py.sequential-awaits', line: 5 },
    ],
    fixer: 'py.gather',
    output: py`
      import asyncio
      import aiohttp

      async def download_all(urls):
          async with aiohttp.ClientSession() as session:
              async def process_url(url):
                  if not url:
                      return
                  async with session.get(url) as resp:
                      body = await resp.read()
                  name = url.rsplit("/", 1)[-1]
                  with open(name, "wb") as f:
                      f.write(body)
              await asyncio.gather(*(process_url(url) for url in urls))
    `,
  },
  {
    name: 'sequential awaits: one read per user, then a running total kept in order',
    code: py`
      import asyncio

      async def count_messages(client, user_ids):
          total = 0
          report = ""
          for uid in user_ids:
              stats = await client.fetch_stats(uid)
              total += stats.messages
              report += f"{uid}: {stats.messages}; "
          return total, report
    `,
    errors: [{ detector: 'py.sequential-awaits', line: 6 }],
    fixer: 'py.gather',
    output: py`
      import asyncio

      async def count_messages(client, user_ids):
          total = 0
          report = ""
          for uid, stats in zip(user_ids, await asyncio.gather(*(client.fetch_stats(uid) for uid in user_ids))):
              total += stats.messages
              report += f"{uid}: {stats.messages}; "
          return total, report
    `,
  },
  {
    name: 'sequential awaits in a notebook cell: a dict filled one key at a time',
    notebook: true,
    code: py`
      weather = {}
      for city in cities:
          weather[city] = await get_weather(city)
      weather
    `,
    errors: [{ detector: 'py.sequential-awaits', line: 2 }],
    fixer: 'py.gather',
    output: py`
      import asyncio

      weather = {}
      weather.update(zip(cities, await asyncio.gather(*(get_weather(city) for city in cities))))
      weather
    `,
  },
  {
    name: 'sequential awaits: a dict filled after other work keeps its loop; only the reads run together',
    code: py`
      async def prices(client, symbols):
          out = {}
          for symbol in symbols:
              quote = await client.quote(symbol)
              out[symbol] = quote.price * 100
          return out
    `,
    errors: [{ detector: 'py.sequential-awaits', line: 3 }],
    fixer: 'py.gather',
    output: py`
      import asyncio

      async def prices(client, symbols):
          out = {}
          for symbol, quote in zip(symbols, await asyncio.gather(*(client.quote(symbol) for symbol in symbols))):
              out[symbol] = quote.price * 100
          return out
    `,
  },
  {
    name: 'pytest: an async fixture behind a plain @pytest.fixture while the tests are marked (strict mode)',
    code: py`
      import pytest


      @pytest.fixture(scope="module")
      async def foo():
          yield "Foo"


      @pytest.mark.asyncio
      async def test_foo(foo):
          assert foo == "Foo"
    `,
    errors: [{ detector: 'py.async-test-not-marked', line: 5 }],
    fixer: 'py.mark-async-test',
    output: py`
      import pytest_asyncio
      import pytest


      @pytest_asyncio.fixture(scope="module")
      async def foo():
          yield "Foo"


      @pytest.mark.asyncio
      async def test_foo(foo):
          assert foo == "Foo"
    `,
  },
  {
    name: 'Playwright: the sync API in an async def (a discord.py command), its browser, page and locator calls awaited, a title read further in parentheses, expect_popup as async with',
    code: py`
      from discord.ext import commands
      from playwright.sync_api import sync_playwright, Page

      bot = commands.Bot(command_prefix="!")

      @bot.command()
      async def shot(ctx, url):
          with sync_playwright() as p:
              browser = p.chromium.launch(headless=True)
              page: Page = browser.new_page()
              page.goto(url)
              page.locator("#accept").click()
              with page.expect_popup() as popup:
                  page.get_by_text("Open").click()
              name = page.title().strip()
              page.screenshot(path="shot.png")
              browser.close()
          await ctx.send(name, file=discord.File("shot.png"))
    `,
    errors: [{ detector: 'py.playwright-sync-in-async', line: 8 }],
    fixer: 'py.playwright-async-api',
    output: py`
      from discord.ext import commands
      from playwright.async_api import async_playwright, Page

      bot = commands.Bot(command_prefix="!")

      @bot.command()
      async def shot(ctx, url):
          async with async_playwright() as p:
              browser = await p.chromium.launch(headless=True)
              page: Page = await browser.new_page()
              await page.goto(url)
              await page.locator("#accept").click()
              async with page.expect_popup() as popup:
                  await page.get_by_text("Open").click()
              name = (await page.title()).strip()
              await page.screenshot(path="shot.png")
              await browser.close()
          await ctx.send(name, file=discord.File("shot.png"))
    `,
  },
  {
    name: 'Playwright in a notebook cell: sync_playwright().start() at the top level becomes await async_playwright().start()',
    notebook: true,
    code: py`
      from playwright.sync_api import sync_playwright

      playwright = sync_playwright().start()
      browser = playwright.chromium.launch()
      page = browser.new_page()
      page.goto("https://example.com")
      print(page.title())
    `,
    errors: [{ detector: 'py.playwright-sync-in-async', line: 3 }],
    fixer: 'py.playwright-async-api',
    output: py`
      from playwright.async_api import async_playwright

      playwright = await async_playwright().start()
      browser = await playwright.chromium.launch()
      page = await browser.new_page()
      await page.goto("https://example.com")
      print(await page.title())
    `,
  },
  {
    name: 'Playwright: the sync API in an async def and in a plain def too, so renaming the import would break the plain one; no automatic fix',
    code: py`
      from playwright.sync_api import sync_playwright

      def scrape_now(url):
          with sync_playwright() as p:
              return p.chromium.launch().new_page().goto(url)

      async def scrape(url):
          with sync_playwright() as p:
              browser = p.chromium.launch()
              return browser.new_page()
    `,
    errors: [{ detector: 'py.playwright-sync-in-async', line: 8 }],
    fixer: 'py.playwright-async-api',
    output: null,
  },
  {
    name: "Playwright: the object handed to a helper (codegen's run(playwright)) in an async def; the helper's calls would need awaits too, so no automatic fix",
    code: py`
      from playwright.sync_api import sync_playwright

      def run(playwright):
          browser = playwright.chromium.launch(headless=False)
          browser.close()

      async def main():
          with sync_playwright() as playwright:
              run(playwright)
    `,
    errors: [{ detector: 'py.playwright-sync-in-async', line: 8 }],
    fixer: 'py.playwright-async-api',
    output: null,
  },
  {
    name: 'Playwright: a plain def that starts the sync API, called from an async def: the def stays sync and the call runs it in a worker thread',
    code: py`
      import asyncio
      from playwright.sync_api import sync_playwright

      def scrape(url):
          with sync_playwright() as p:
              browser = p.chromium.launch()
              page = browser.new_page()
              page.goto(url)
              title = page.title()
              browser.close()
              return title

      async def main():
          title = scrape("https://example.com")
          print(title.upper())

      asyncio.run(main())
    `,
    errors: [{ detector: 'py.playwright-sync-in-async', line: 14 }],
    fixer: 'py.playwright-async-api',
    output: py`
      import asyncio
      from playwright.sync_api import sync_playwright

      def scrape(url):
          with sync_playwright() as p:
              browser = p.chromium.launch()
              page = browser.new_page()
              page.goto(url)
              title = page.title()
              browser.close()
              return title

      async def main():
          title = await asyncio.to_thread(scrape, "https://example.com")
          print(title.upper())

      asyncio.run(main())
    `,
  },
  {
    name: "Playwright in a notebook cell: a scraper's plain def called at the cell's top level runs in a worker thread (import asyncio added)",
    notebook: true,
    code: py`
      from playwright.sync_api import sync_playwright

      def yellow():
          with sync_playwright() as p:
              return p.chromium.launch().version

      print(yellow())
    `,
    errors: [{ detector: 'py.playwright-sync-in-async', line: 7 }],
    fixer: 'py.playwright-async-api',
    output: py`
      import asyncio
      from playwright.sync_api import sync_playwright

      def yellow():
          with sync_playwright() as p:
              return p.chromium.launch().version

      print(await asyncio.to_thread(yellow))
    `,
  },
  {
    name: 'an IPython terminal session: the In [n] and ...: prompts go, the code keeps its indentation, the call is found',
    code: [
      'In [1]: async def fetch(url):',
      '   ...:     await asyncio.sleep(1)',
      '   ...:     return url',
      '   ...:',
      '',
      'In [2]: async def main():',
      "   ...:     fetch('a')",
      '   ...:     return None',
      '',
    ].join('\n'),
    errors: [{ detector: 'py.unawaited-coroutine', line: 7 }],
  },
  {
    name: "trio's own coroutine function called without await (flake8-trio TRIO105, ruff ASYNC105): it never sleeps",
    code: py`
      import trio

      async def double_sleep(x):
          trio.sleep(2 * x)
    `,
    errors: [{ detector: 'py.unawaited-coroutine', line: 4 }],
    fixer: 'py.add-await',
    output: py`
      import trio

      async def double_sleep(x):
          await trio.sleep(2 * x)
    `,
  },
];

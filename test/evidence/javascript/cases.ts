/**
 * The JS/TS snippet detectors and fixers as a table, ESLint RuleTester style:
 * `valid` snippets must produce no finding at all; each `invalid` one must
 * produce exactly the listed findings (detector id and 1-based line), and the
 * fixer of its first detector must rewrite it to `output` (null: no safe
 * automatic fix, the rule's own example is shown instead).
 * Real shapes from discord.js guides and express apps.
 */

export interface InvalidCase {
  name: string;
  code: string;
  errors: { detector: string; line: number }[];
  output: string | null;
}

export interface ValidCase {
  name: string;
  code: string;
}

export const invalid: InvalidCase[] = [
  {
    name: "an ORM model's findById, the model required from its own file, read as the document: a Query has no .name",
    code: `const User = require('../models/user');

router.get('/:id', (req, res) => {
  const user = User.findById(req.params.id);
  res.send(user.name);
});
`,
    errors: [{ detector: 'js.promise-as-value', line: 4 }],
    output: `const User = require('../models/user');

router.get('/:id', async (req, res) => {
  const user = await User.findById(req.params.id);
  res.send(user.name);
});
`,
  },
  {
    name: "findOne on a model class the paste does not show, tested as if it were the record: the Query is always truthy",
    code: `async function register(email) {
  const existing = User.findOne({ email: email });
  if (existing) throw new Error('taken');
}
`,
    errors: [{ detector: 'js.promise-as-value', line: 2 }],
    output: `async function register(email) {
  const existing = User.findOne({ email: email });
  if (await existing) throw new Error('taken');
}
`,
  },
  {
    name: "node-fetch bound to another name (Fetch): its .then callback drops the body's promise, and the next step reads undefined",
    code: `function load(url) {
  return Fetch(url)
    .then((res) => {
      total = res.headers.get('x-total');
      res.json();
    })
    .then((response) => console.log(response));
}
`,
    errors: [{ detector: 'js.floating-promise', line: 5 }],
    output: `function load(url) {
  return Fetch(url)
    .then((res) => {
      total = res.headers.get('x-total');
      return res.json();
    })
    .then((response) => console.log(response));
}
`,
  },
  {
    name: 'a function returns a variable its then callback sets later, the chain kept in a variable nobody reads',
    code: `function getUser(id) {
  let user;
  const pending = api.get(id).then((r) => {
    user = r.data;
  });
  return user;
}
`,
    errors: [{ detector: 'js.promise-as-value', line: 3 }],
    output: `async function getUser(id) {
  let user;
  const pending = await api.get(id).then((r) => {
    user = r.data;
  });
  return user;
}
`,
  },
  {
    name: 'a .then chain in a named method of an object a function returns: the method is the code that drops it',
    code: `function makeStore(db) {
  return {
    flush() {
      db.save(rows).then(() => log('saved'));
    },
  };
}
`,
    errors: [{ detector: 'js.floating-promise', line: 4 }],
    // The chain is the method's last statement: returned, the method's caller can wait for the save.
    output: `function makeStore(db) {
  return {
    flush() {
      return db.save(rows).then(() => log('saved'));
    },
  };
}
`,
  },
  {
    name: "a chain started in an outer .then callback and not returned: the test's returned chain ends before the inner expect runs",
    code: `it('loads', () => loadUser().then((user) => {
  loadPosts(user.id).then((posts) => {
    expect(posts).toHaveLength(2);
  });
}));
`,
    errors: [{ detector: 'js.floating-promise', line: 2 }],
    output: `it('loads', () => loadUser().then((user) => {
  return loadPosts(user.id).then((posts) => {
    expect(posts).toHaveLength(2);
  });
}));
`,
  },
  {
    name: 'a statement that only names a promise the function made: nothing waits for it',
    code: `export async function bar() {
  const promise = new Promise((resolve) => setTimeout(resolve, 10));
  promise;
  return 'done';
}
`,
    errors: [{ detector: 'js.floating-promise', line: 3 }],
    output: `export async function bar() {
  const promise = new Promise((resolve) => setTimeout(resolve, 10));
  await promise;
  return 'done';
}
`,
  },
  {
    name: 'a top-level statement naming a promise, with code after it: the module drops it',
    code: `const promise = new Promise((resolve, reject) => resolve('value'));
promise;

console.log('after');
`,
    errors: [{ detector: 'js.floating-promise', line: 2 }],
    output: null,
  },
  {
    name: "Electron's ipcRenderer.invoke returns a promise: left as a statement in the wrapper, its reply and its failure are lost",
    code: `const { ipcRenderer } = require('electron');
function saveSettings(settings) {
  ipcRenderer.invoke('save-settings', settings);
  closeWindow();
}
`,
    errors: [{ detector: 'js.floating-promise', line: 3 }],
    output: `const { ipcRenderer } = require('electron');
async function saveSettings(settings) {
  await ipcRenderer.invoke('save-settings', settings);
  closeWindow();
}
`,
  },
  {
    name: "node-redis 4 in legacy mode: its commands take callbacks, so await on client.get waits for nothing",
    code: `import { createClient } from 'redis';
const client = createClient({ url: 'redis://127.0.0.1:6379', legacyMode: true });
await client.connect();
console.log(await client.get('key'));
`,
    errors: [{ detector: 'js.await-non-promise', line: 4 }],
    output: null,
  },
  {
    name: "the Response a fetch chain's first .then callback receives, its body read as a dropped statement: the next step gets undefined (the fix returns it)",
    code: `function load(url) {
  return fetch(url)
    .then((res) => {
      console.log(res.status);
      res.json();
    })
    .then((data) => show(data));
}
`,
    errors: [{ detector: 'js.floating-promise', line: 5 }],
    output: `function load(url) {
  return fetch(url)
    .then((res) => {
      console.log(res.status);
      return res.json();
    })
    .then((data) => show(data));
}
`,
  },
  {
    name: "knex's schema builder called on an unbound 'knex' (the setup left out of the paste) as a statement: the query never runs",
    code: `function migrate() {
  knex.schema.createTable('users', (table) => {
    table.increments();
  });
}
`,
    errors: [{ detector: 'js.floating-promise', line: 2 }],
    output: `async function migrate() {
  await knex.schema.createTable('users', (table) => {
    table.increments();
  });
}
`,
  },
  {
    name: "two files in one paste: the model exports a function returning pool.query's promise (Pool bound as require('pg').Pool), the script logs what it returns",
    code: `var Pool = require('pg').Pool;
var pool = new Pool(config);
exports.signups = function() {
  var data = pool.query('select * from signups');
  return data;
}
var res = model.signups();
console.log(res);
`,
    errors: [{ detector: 'js.promise-as-value', line: 7 }],
    output: `var Pool = require('pg').Pool;
var pool = new Pool(config);
exports.signups = function() {
  var data = pool.query('select * from signups');
  return data;
}
;(async () => {
  var res = await model.signups();
  console.log(res);
})();
`,
  },
  {
    name: "lodash's filter given an async predicate: every call returns a promise, always truthy, so nothing is filtered out",
    code: `const kept = _.filter(answers, async (answer) => (await db.questions.get(answer.key)) !== undefined);
`,
    errors: [{ detector: 'js.async-foreach', line: 1 }],
    output: null,
  },
  {
    name: 'an array of promises from map(async …) kept and then logged: read as if it held the results',
    code: `const saved = notes.map(async (note) => await note.save());
console.log(saved.length, saved[0].id);
`,
    errors: [{ detector: 'js.async-foreach', line: 1 }],
    output: null,
  },
  {
    name: 'forEach(async …) in an excerpt that ends inside the callback: what the callback awaits is below the cut, the loop is still the mistake',
    code: `const checkAll = () => {
  return new Promise((resolve) => {
    let failed = false;

    urls.forEach(async (url) => {
`,
    errors: [{ detector: 'js.async-foreach', line: 5 }],
    output: null,
  },
  {
    name: "underscore's each with an async callback: nothing waits for the saves",
    code: `function saveAll(users) {
  _.each(users, async (user) => {
    await user.save();
  });
  console.log('saved');
}
`,
    errors: [{ detector: 'js.async-foreach', line: 2 }],
    output: null,
  },
  {
    name: 'a function only declared to return Promise<number> (a signature, no body), then called as a statement: the call is not an entry point',
    code: `function foo(): Promise<number>;
foo();
`,
    errors: [{ detector: 'js.floating-promise', line: 2 }],
    // TypeScript is a module: top-level await is allowed.
    output: `function foo(): Promise<number>;
await foo();
`,
  },
  {
    name: "knex's migrate.latest left as a statement in a function: the migrations may not have run when it returns",
    code: `const knex = require('knex')(config);
function setup() {
  knex.migrate.latest();
  startServer();
}
`,
    errors: [{ detector: 'js.floating-promise', line: 3 }],
    output: `const knex = require('knex')(config);
async function setup() {
  await knex.migrate.latest();
  startServer();
}
`,
  },
  {
    name: "an interface method typed Promise<User>, called through a parameter of that type as a bare statement",
    code: `interface Api {
  getUser(id: string): Promise<User>;
}
function show(api: Api) {
  api.getUser('1');
  render();
}
`,
    errors: [{ detector: 'js.floating-promise', line: 5 }],
    output: `interface Api {
  getUser(id: string): Promise<User>;
}
async function show(api: Api) {
  await api.getUser('1');
  render();
}
`,
  },
  {
    name: 'a variable typed as a function returning Promise<Response>, its result read as the response',
    code: `const fetcher: (u: string) => Promise<Response> = makeFetcher();
function go() {
  const r = fetcher('/x');
  console.log(r.status);
}
`,
    errors: [{ detector: 'js.promise-as-value', line: 3 }],
    output: `const fetcher: (u: string) => Promise<Response> = makeFetcher();
async function go() {
  const r = await fetcher('/x');
  console.log(r.status);
}
`,
  },
  {
    name: 'a parameter typed Promise<User> read as the user',
    code: `function show(user: Promise<User>) {
  console.log(user.name);
}
`,
    errors: [{ detector: 'js.promise-as-value', line: 2 }],
    output: `async function show(user: Promise<User>) {
  console.log((await user).name);
}
`,
  },
  {
    name: 'a timer callback that hands resolve back instead of calling it: the awaited promise never settles',
    code: `async function main() {
  await new Promise((resolve) => {
    setTimeout(() => resolve, 1000);
  });
}
`,
    errors: [{ detector: 'js.never-settles', line: 2 }],
    output: `async function main() {
  await new Promise((resolve) => {
    setTimeout(resolve, 1000);
  });
}
`,
  },
  {
    name: 'a promisified setTimeout called as a bare statement in a listener: the wait waits for nothing',
    code: `const wait = require('util').promisify(setTimeout);
client.on('ready', () => {
  wait(1000);
  loadInvites();
});
`,
    errors: [{ detector: 'js.floating-promise', line: 3 }],
    output: `const wait = require('util').promisify(setTimeout);
client.on('ready', async () => {
  await wait(1000);
  loadInvites();
});
`,
  },
  {
    name: "bcrypt.compare kept in a variable never read, the import left out of the paste",
    code: `const login = async (_, credentials) => {
  const match = bcrypt.compare(credentials.password, user.password);
  return issueToken(user);
};
`,
    errors: [{ detector: 'js.floating-promise', line: 2 }],
    output: `const login = async (_, credentials) => {
  const match = await bcrypt.compare(credentials.password, user.password);
  return issueToken(user);
};
`,
  },
  {
    name: 'await on a call given an error-first callback, beside a .catch that is fine',
    code: `async function load(pool) {
  await pool.connect().catch((err) => log(err));
  await pool.query('SELECT 1', (err, rows) => {
    console.log(rows);
  });
}
`,
    errors: [{ detector: 'js.await-non-promise', line: 3 }],
    output: null,
  },
  {
    name: 'await on a const made from a literal: a plain value, not a promise',
    code: `async function run() {
  const x = 42;
  const y = await x;
  return y;
}
`,
    errors: [{ detector: 'js.await-non-promise', line: 3 }],
    output: null,
  },
  {
    name: 'await in a class field initializer inside an async function: the field runs in the constructor',
    code: `async function foo() {
  return new class {
    baz = await bar();
  };
}
`,
    errors: [{ detector: 'js.await-outside-async', line: 3 }],
    output: null,
  },
  {
    name: 'a test without a done parameter whose callback calls done(): the test ends before the callback',
    code: `it('finds the user', () => {
  db.findOne('users', { name: 'test' }, (err, result) => {
    if (err) throw err;
    expect(result.email).to.equal('a@b.c');
    done();
  });
});
`,
    errors: [{ detector: 'js.test-not-waiting', line: 2 }],
    output: null,
  },
  {
    name: 'an async IIFE kept in a variable and logged: the variable holds its promise',
    code: `let data = (async () => { return await store.get('info'); })();
console.log(data);
`,
    errors: [{ detector: 'js.promise-as-value', line: 1 }],
    output: `let data = await (async () => { return await store.get('info'); })();
console.log(data);
`,
  },
  {
    name: 'Promise.all left as a statement inside try: the catch never sees a rejection',
    code: `async function load() {
  try {
    Promise.all([this.promiseOne(), this.promiseTwo()]);
  } catch (err) {
    report(err);
  }
}
`,
    errors: [{ detector: 'js.floating-promise', line: 3 }],
    output: `async function load() {
  try {
    await Promise.all([this.promiseOne(), this.promiseTwo()]);
  } catch (err) {
    report(err);
  }
}
`,
  },
  {
    name: "a MongoDB/Mongoose findOneAndUpdate left as a statement (a Mongoose query does not even run)",
    code: `async function bump(id) {
  Counter.findOneAndUpdate({ _id: id }, { $inc: { n: 1 } });
  return 'ok';
}
`,
    errors: [{ detector: 'js.floating-promise', line: 2 }],
    output: `async function bump(id) {
  await Counter.findOneAndUpdate({ _id: id }, { $inc: { n: 1 } });
  return 'ok';
}
`,
  },
  {
    name: "a mongoose callback whose body is left out as { ... }",
    code: `Model.find({}, function(err, docs) { ... });
`,
    errors: [{ detector: 'js.mongoose-callback', line: 1 }],
    output: `Model.find({}).then((docs) => {
});
`,
  },
  {
    name: "a plain function returning pg's pool.query promise, its result read as the rows",
    code: `const { Pool } = require('pg');
const pool = new Pool();
function getUsers() {
  return pool.query('SELECT * FROM users');
}
const users = getUsers();
console.log(users.rows);
`,
    errors: [{ detector: 'js.promise-as-value', line: 6 }],
    output: `const { Pool } = require('pg');
const pool = new Pool();
function getUsers() {
  return pool.query('SELECT * FROM users');
}
(async () => {
  const users = await getUsers();
  console.log(users.rows);
})();
`,
  },
  {
    name: "a mongoose document's save with a callback, pasted between single backticks over several lines",
    code: `\`author.save(function (err) {
    if (err) {
      cb(err, null)
      return
    }
    cb(null, author)
  });\``,
    errors: [{ detector: 'js.mongoose-callback', line: 1 }],
    output: `\`author.save().then(() => {
  cb(null, author)
 }).catch((err) => {
  cb(err, null)
  return
 });\``,
  },
  {
    name: "Testing Library's user-event click left unawaited in a test",
    code: `test('counts clicks', async () => {
  const user = userEvent.setup();
  render(<Counter />);
  user.click(screen.getByRole('button'));
  expect(await screen.findByText('1')).toBeVisible();
});
`,
    errors: [{ detector: 'js.floating-promise', line: 4 }],
    output: `test('counts clicks', async () => {
  const user = userEvent.setup();
  render(<Counter />);
  await user.click(screen.getByRole('button'));
  expect(await screen.findByText('1')).toBeVisible();
});
`,
  },
  {
    name: 'an awaited new Promise whose executor takes no resolve but starts a timer (a sleep that never wakes)',
    code: `async function pause() {
  await new Promise(() => {
    setTimeout(() => {}, 2000);
  });
}
`,
    errors: [{ detector: 'js.never-settles', line: 2 }],
    output: `async function pause() {
  await new Promise((resolve) => {
    setTimeout(resolve, 2000);
  });
}
`,
  },
  {
    name: 'a new Promise stored in a variable and logged instead of its result',
    code: `const result = new Promise((resolve) => {
  pool.query('SELECT 1', (err, res) => resolve(res));
});
console.log(result);
`,
    errors: [{ detector: 'js.promise-as-value', line: 1 }],
    output: null,
  },
  {
    name: 'a resolves assertion pasted without its test, neither awaited nor returned',
    code: `  expect(fetchUser(1)).resolves.toEqual({ id: 1 });
`,
    errors: [{ detector: 'js.test-not-waiting', line: 1 }],
    // Awaited where it stands; the note says the test it was cut from must be async.
    output: `  await expect(fetchUser(1)).resolves.toEqual({ id: 1 });
`,
  },
  {
    name: 'a chai-as-promised eventually assertion pasted without its test',
    code: `expect(Promise.resolve(2 + 2)).to.eventually.equal('3');
`,
    errors: [{ detector: 'js.test-not-waiting', line: 1 }],
    output: `await expect(Promise.resolve(2 + 2)).to.eventually.equal('3');
`,
  },
  {
    name: 'a should.js rejected assertion with done() called straight after it',
    code: `it('rejects a bad password', (done) => {
  login('bob', 'nope').should.be.rejected();
  done();
});
`,
    errors: [{ detector: 'js.test-not-waiting', line: 2 }],
    output: null,
  },
  {
    name: 'a function returns a variable its then callback sets later',
    code: `function getData(url) {
  let data;
  axios.get(url).then((res) => {
    data = res.data;
  });
  return data;
}
`,
    errors: [{ detector: 'js.promise-as-value', line: 3 }, { detector: 'js.floating-promise', line: 3 }],
    output: `async function getData(url) {
  let data;
  await axios.get(url).then((res) => {
    data = res.data;
  });
  return data;
}
`,
  },
  {
    name: 'a member cut out of an object literal, whose then chain floats',
    code: `getHoliday: function(){
    Holiday.find().then(function(holidays){
        //some logic
        return aHoliday;
    });
}
`,
    errors: [{ detector: 'js.floating-promise', line: 2 }],
    // The last link hands back a value meant for getHoliday's caller: return the chain (awaiting it
    // would wait, then still return undefined).
    output: `getHoliday: function(){
    return Holiday.find().then(function(holidays){
        //some logic
        return aHoliday;
    });
}
`,
  },
  {
    name: 'independent fetches awaited one after another, then the script started by its last line',
    code: `const getPokemons = async () => {
  const bulbasaur = await fetch('https://pokeapi.co/api/v2/pokemon/1');
  const charmander = await fetch('https://pokeapi.co/api/v2/pokemon/4');
  console.log(await bulbasaur.json(), await charmander.json());
};
getPokemons();
`,
    errors: [{ detector: 'js.await-in-loop', line: 2 }],
    output: `const getPokemons = async () => {
  const [bulbasaur, charmander] = await Promise.all([
    fetch('https://pokeapi.co/api/v2/pokemon/1'),
    fetch('https://pokeapi.co/api/v2/pokemon/4'),
  ]);
  console.log(await bulbasaur.json(), await charmander.json());
};
getPokemons();
`,
  },
  {
    name: "a script's own async function started before other work at the top level: that work runs while it is pending",
    code: `async function createTables() {
  await db.query('CREATE TABLE users (id int)');
}
async function insertUsers() {
  await db.query('INSERT INTO users VALUES (1)');
}
createTables();
console.log('tables ready');
insertUsers();
`,
    errors: [{ detector: 'js.floating-promise', line: 7 }],
    output: `async function createTables() {
  await db.query('CREATE TABLE users (id int)');
}
async function insertUsers() {
  await db.query('INSERT INTO users VALUES (1)');
}
createTables().catch(console.error);
console.log('tables ready');
insertUsers();
`,
  },
  {
    name: "a diff (no hunk header) whose added line makes the first answer a reply: the new code replies twice",
    code: ` client.on('interactionCreate', async (interaction) => {
-  await interaction.deferReply();
+  await interaction.reply('Working on it');
   const report = await buildReport(interaction.guildId);
   await interaction.reply(report);
 });
`,
    errors: [{ detector: 'js.double-reply', line: 5 }],
    output: ` client.on('interactionCreate', async (interaction) => {
-  await interaction.deferReply();
+  await interaction.reply('Working on it');
   const report = await buildReport(interaction.guildId);
   await interaction.followUp(report);
 });
`,
  },
  {
    name: 'a .then() chain with no rejection handler, as a statement',
    code: `function refresh() {
  api.loadSettings().then((settings) => {
    applySettings(settings);
  });
  showSpinner();
}
`,
    errors: [{ detector: 'js.floating-promise', line: 2 }],
    output: `async function refresh() {
  await api.loadSettings().then((settings) => {
    applySettings(settings);
  });
  showSpinner();
}
`,
  },
  {
    name: 'a call the snippet chains .then onto elsewhere, left bare inside try',
    code: `SyncService.readAndSend()
  .then((data) => console.log(data))
  .catch((e) => console.log('failed', e));

function retry() {
  try {
    SyncService.readAndSend();
  } catch (e) {
    console.log('readAndSend', e);
  }
}
`,
    errors: [{ detector: 'js.floating-promise', line: 7 }],
    output: `SyncService.readAndSend()
  .then((data) => console.log(data))
  .catch((e) => console.log('failed', e));

async function retry() {
  try {
    await SyncService.readAndSend();
  } catch (e) {
    console.log('readAndSend', e);
  }
}
`,
  },
  {
    name: "discord.js command replies without await",
    code: `module.exports = {
  data: new SlashCommandBuilder().setName('ping').setDescription('Replies with Pong!'),
  async execute(interaction) {
    interaction.reply('Pong!');
    console.log('replied');
  },
};
`,
    errors: [{ detector: 'js.floating-promise', line: 4 }],
    output: `module.exports = {
  data: new SlashCommandBuilder().setName('ping').setDescription('Replies with Pong!'),
  async execute(interaction) {
    await interaction.reply('Pong!');
    console.log('replied');
  },
};
`,
  },
  {
    name: "sync listener sends to a channel",
    code: `client.on('guildMemberAdd', (member) => {
  const channel = member.guild.channels.cache.get(WELCOME_ID);
  // greet the new member
  channel.send(\`Welcome, \${member}!\`);
});
`,
    errors: [{ detector: 'js.floating-promise', line: 4 }],
    output: `client.on('guildMemberAdd', async (member) => {
  const channel = member.guild.channels.cache.get(WELCOME_ID);
  // greet the new member
  await channel.send(\`Welcome, \${member}!\`);
});
`,
  },
  {
    name: "own async function called from a sync helper others call",
    code: `async function saveScore(id, score) {
  await db.run('INSERT INTO scores VALUES (?, ?)', id, score);
}

function onGameOver(player) {
  saveScore(player.id, player.score);
  return player.score;
}

const total = onGameOver(p);
`,
    errors: [{ detector: 'js.floating-promise', line: 6 }],
    output: `async function saveScore(id, score) {
  await db.run('INSERT INTO scores VALUES (?, ?)', id, score);
}

function onGameOver(player) {
  saveScore(player.id, player.score).catch(console.error);
  return player.score;
}

const total = onGameOver(p);
`,
  },
  {
    name: "express route reads fs.promises without await",
    code: `const fs = require('fs');
app.post('/notes', async (req, res) => {
  fs.promises.writeFile('notes.txt', req.body.text);
  res.send('saved');
});
`,
    errors: [{ detector: 'js.floating-promise', line: 3 }],
    output: `const fs = require('fs');
app.post('/notes', async (req, res) => {
  await fs.promises.writeFile('notes.txt', req.body.text);
  res.send('saved');
});
`,
  },
  {
    name: "fetch result read as a value",
    code: `app.get('/weather', async (req, res) => {
  const response = fetch(\`https://api.example.com/weather?q=\${req.query.city}\`);
  const data = response.json();
  res.json(data);
});
`,
    errors: [{ detector: 'js.promise-as-value', line: 2 }, { detector: 'js.promise-as-value', line: 3 }],
    output: `app.get('/weather', async (req, res) => {
  const response = await fetch(\`https://api.example.com/weather?q=\${req.query.city}\`);
  const data = await response.json();
  res.json(data);
});
`,
  },
  {
    name: "async predicate in a condition",
    code: `async function isBanned(userId) {
  const row = await db.get('SELECT 1 FROM bans WHERE id = ?', userId);
  return row !== undefined;
}

client.on('messageCreate', async (message) => {
  if (isBanned(message.author.id)) {
    return message.delete();
  }
});
`,
    errors: [{ detector: 'js.promise-as-value', line: 7 }],
    output: `async function isBanned(userId) {
  const row = await db.get('SELECT 1 FROM bans WHERE id = ?', userId);
  return row !== undefined;
}

client.on('messageCreate', async (message) => {
  if (await isBanned(message.author.id)) {
    return message.delete();
  }
});
`,
  },
  {
    name: "promise in a template string",
    code: `async function getLevel(id) {
  return (await db.get('SELECT level FROM xp WHERE id = ?', id)).level;
}

async function execute(interaction) {
  await interaction.reply(\`Your level: \${getLevel(interaction.user.id)}\`);
}
`,
    errors: [{ detector: 'js.promise-as-value', line: 6 }],
    output: `async function getLevel(id) {
  return (await db.get('SELECT level FROM xp WHERE id = ?', id)).level;
}

async function execute(interaction) {
  await interaction.reply(\`Your level: \${await getLevel(interaction.user.id)}\`);
}
`,
  },
  {
    name: "forEach with async callback in a command",
    code: `async function execute(interaction) {
  const members = await interaction.guild.members.fetch();
  members.forEach(async (member) => {
    if (member.user.bot) return;
    await member.roles.add(ROLE_ID);
  });
  await interaction.reply('Roles given to everyone.');
}
`,
    errors: [{ detector: 'js.async-foreach', line: 3 }, { detector: 'js.slow-work-before-defer', line: 2 }],
    output: `async function execute(interaction) {
  const members = await interaction.guild.members.fetch();
  for (const member of members.values()) {
    if (member.user.bot) continue;
    await member.roles.add(ROLE_ID);
  }
  await interaction.reply('Roles given to everyone.');
}
`,
  },
  {
    name: "forEach over an array with index",
    code: `async function importAll(files) {
  files.forEach(async (file, i) => {
    const text = await fs.promises.readFile(file, 'utf8');
    await save(i, text);
  });
  console.log('imported');
}
`,
    errors: [{ detector: 'js.async-foreach', line: 2 }],
    output: `async function importAll(files) {
  for (const [i, file] of files.entries()) {
    const text = await fs.promises.readFile(file, 'utf8');
    await save(i, text);
  }
  console.log('imported');
}
`,
  },
  {
    name: "map(async) never given to Promise.all",
    code: `app.get('/users', async (req, res) => {
  const ids = req.query.ids.split(',');
  const users = ids.map(async (id) => {
    return await User.findById(id);
  });
  res.json(users);
});
`,
    errors: [{ detector: 'js.async-foreach', line: 3 }],
    output: `app.get('/users', async (req, res) => {
  const ids = req.query.ids.split(',');
  const users = await Promise.all(ids.map(async (id) => {
    return await User.findById(id);
  }));
  res.json(users);
});
`,
  },
  {
    name: "async Promise executor around awaits",
    code: `function loadConfig(path) {
  return new Promise(async (resolve, reject) => {
    try {
      const text = await fs.promises.readFile(path, 'utf8');
      resolve(JSON.parse(text));
    } catch (err) {
      reject(err);
    }
  });
}
`,
    errors: [{ detector: 'js.async-promise-executor', line: 2 }],
    output: `async function loadConfig(path) {
  try {
    const text = await fs.promises.readFile(path, 'utf8');
    return JSON.parse(text);
  } catch (err) {
    throw err;
  }
}
`,
  },
  {
    name: "async executor wrapping a callback API",
    code: `const ready = new Promise(async (resolve) => {
  client.once('ready', () => resolve(client));
});
`,
    errors: [{ detector: 'js.async-promise-executor', line: 1 }],
    output: `const ready = new Promise((resolve) => {
  client.once('ready', () => resolve(client));
});
`,
  },
  {
    name: "async executor that awaits nothing and settles itself",
    code: `const ok = await new Promise(async (res, rej) => {
  undefinedVariable(3);
  res(true);
});
`,
    errors: [{ detector: 'js.async-promise-executor', line: 1 }],
    output: `const ok = await new Promise((res, rej) => {
  undefinedVariable(3);
  res(true);
});
`,
  },
  {
    name: "floating call at the top of a fragment whose next line reads what it changes",
    code: `GuildMember.roles.add(Role);
console.log(GuildMember.roles.cache.map((role) => role.name));
`,
    errors: [{ detector: 'js.floating-promise', line: 1 }],
    output: `await GuildMember.roles.add(Role);
console.log(GuildMember.roles.cache.map((role) => role.name));
`,
  },
  {
    name: "await inside a plain listener",
    code: `client.on('messageCreate', (message) => {
  if (message.content === '!ping') {
    const sent = await message.reply('Pinging...');
    sent.edit(\`Latency: \${sent.createdTimestamp - message.createdTimestamp}ms\`);
  }
});
`,
    errors: [{ detector: 'js.await-outside-async', line: 3 }, { detector: 'js.floating-promise', line: 4 }],
    output: `client.on('messageCreate', async (message) => {
  if (message.content === '!ping') {
    const sent = await message.reply('Pinging...');
    sent.edit(\`Latency: \${sent.createdTimestamp - message.createdTimestamp}ms\`);
  }
});
`,
  },
  {
    name: "await inside a forEach callback",
    code: `async function announce(channels) {
  channels.forEach((channel) => {
    await channel.send('Server restart in 5 minutes');
  });
}
`,
    errors: [{ detector: 'js.await-outside-async', line: 3 }],
    output: `async function announce(channels) {
  for (const channel of channels) {
    await channel.send('Server restart in 5 minutes');
  }
}
`,
  },
  {
    name: "top-level await in a CommonJS bot",
    code: `const { REST, Routes } = require('discord.js');
const rest = new REST().setToken(process.env.TOKEN);

console.log('Refreshing commands');
await rest.put(Routes.applicationCommands(CLIENT_ID), { body: commands });
console.log('Done');
`,
    errors: [{ detector: 'js.await-outside-async', line: 5 }],
    output: `const { REST, Routes } = require('discord.js');
const rest = new REST().setToken(process.env.TOKEN);

console.log('Refreshing commands');
(async () => {
  await rest.put(Routes.applicationCommands(CLIENT_ID), { body: commands });
  console.log('Done');
})();
`,
  },
  {
    name: "return promise in try",
    code: `async function getProfile(id) {
  try {
    return fetch(\`https://api.example.com/profiles/\${id}\`).then((r) => r.json());
  } catch (err) {
    console.error('profile lookup failed', err);
    return null;
  }
}
`,
    errors: [{ detector: 'js.return-without-await-in-try', line: 3 }],
    output: `async function getProfile(id) {
  try {
    return await fetch(\`https://api.example.com/profiles/\${id}\`).then((r) => r.json());
  } catch (err) {
    console.error('profile lookup failed', err);
    return null;
  }
}
`,
  },
  {
    name: "return db query in try",
    code: `router.get('/items', async (req, res) => {
  try {
    return res.json(await getItems());
  } catch (e) {
    res.status(500).end();
  }
});

async function getItems() {
  try {
    return pool.query('SELECT * FROM items');
  } catch (e) {
    return [];
  }
}
`,
    errors: [{ detector: 'js.return-without-await-in-try', line: 11 }],
    output: `router.get('/items', async (req, res) => {
  try {
    return res.json(await getItems());
  } catch (e) {
    res.status(500).end();
  }
});

async function getItems() {
  try {
    return await pool.query('SELECT * FROM items');
  } catch (e) {
    return [];
  }
}
`,
  },
  {
    name: "readFileSync in a command handler",
    code: `const fs = require('node:fs');

client.on(Events.InteractionCreate, async (interaction) => {
  if (interaction.commandName !== 'quote') return;
  const quotes = JSON.parse(fs.readFileSync('./quotes.json', 'utf8'));
  await interaction.reply(quotes[Math.floor(Math.random() * quotes.length)]);
});
`,
    errors: [{ detector: 'js.blocking-call-in-async', line: 5 }],
    output: `const fs = require('node:fs');

client.on(Events.InteractionCreate, async (interaction) => {
  if (interaction.commandName !== 'quote') return;
  const quotes = JSON.parse(await fs.promises.readFile('./quotes.json', 'utf8'));
  await interaction.reply(quotes[Math.floor(Math.random() * quotes.length)]);
});
`,
  },
  {
    name: "busy wait in an express route",
    code: `app.get('/slow', async (req, res) => {
  const start = Date.now();
  while (Date.now() - start < 2000) {}
  res.send('done');
});
`,
    errors: [{ detector: 'js.blocking-call-in-async', line: 3 }],
    output: `app.get('/slow', async (req, res) => {
  const start = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 2000));
  res.send('done');
});
`,
  },
  {
    name: "independent awaits in a loop",
    code: `async function fetchAvatars(ids) {
  const avatars = [];
  for (const id of ids) {
    const user = await client.users.fetch(id);
    avatars.push(user);
  }
  return avatars;
}
`,
    errors: [{ detector: 'js.await-in-loop', line: 3 }],
    output: `async function fetchAvatars(ids) {
  const avatars = [];
  avatars.push(...(await Promise.all(ids.map((id) => client.users.fetch(id)))));
  return avatars;
}
`,
  },
  {
    name: "loop over independent saves",
    code: `async function saveAll(items) {
  for (const item of items) {
    await db.save(item);
  }
}
`,
    errors: [{ detector: 'js.await-in-loop', line: 2 }],
    output: `async function saveAll(items) {
  await Promise.all(items.map(async (item) => {
    await db.save(item);
  }));
}
`,
  },
  {
    name: "fetch before reply",
    code: `module.exports = {
  data: new SlashCommandBuilder().setName('meme').setDescription('Random meme'),
  async execute(interaction) {
    const res = await fetch('https://meme-api.example.com/gimme');
    const meme = await res.json();
    await interaction.reply({ content: meme.url, ephemeral: true });
  },
};
`,
    errors: [{ detector: 'js.slow-work-before-defer', line: 4 }],
    output: `module.exports = {
  data: new SlashCommandBuilder().setName('meme').setDescription('Random meme'),
  async execute(interaction) {
    await interaction.deferReply({ ephemeral: true });
    const res = await fetch('https://meme-api.example.com/gimme');
    const meme = await res.json();
    await interaction.editReply({ content: meme.url, ephemeral: true });
  },
};
`,
  },
  {
    name: "database before update on a button",
    code: `client.on('interactionCreate', async (i) => {
  if (!i.isButton()) return;
  const votes = await db.incrementVotes(i.customId);
  await i.update({ content: \`Votes: \${votes}\` });
});
`,
    errors: [{ detector: 'js.slow-work-before-defer', line: 3 }],
    output: `client.on('interactionCreate', async (i) => {
  if (!i.isButton()) return;
  await i.deferUpdate();
  const votes = await db.incrementVotes(i.customId);
  await i.editReply({ content: \`Votes: \${votes}\` });
});
`,
  },
  {
    name: "defer then reply",
    code: `async execute(interaction) {
  await interaction.deferReply();
  const stats = await loadStats(interaction.guildId);
  await interaction.reply(\`Members: \${stats.members}\`);
}
`,
    errors: [{ detector: 'js.double-reply', line: 4 }],
    output: `async execute(interaction) {
  await interaction.deferReply();
  const stats = await loadStats(interaction.guildId);
  await interaction.editReply(\`Members: \${stats.members}\`);
}
`,
  },
  {
    name: "reply twice",
    code: `async function execute(interaction) {
  await interaction.reply('Starting the game...');
  const result = await playRound();
  await interaction.reply(\`Result: \${result}\`);
}
`,
    errors: [{ detector: 'js.double-reply', line: 4 }],
    output: `async function execute(interaction) {
  await interaction.reply('Starting the game...');
  const result = await playRound();
  await interaction.followUp(\`Result: \${result}\`);
}
`,
  },
  {
    name: "reply in catch after reply in try",
    code: `client.on(Events.InteractionCreate, async (interaction) => {
  try {
    await interaction.reply('Working on it');
    await doWork();
  } catch (error) {
    console.error(error);
    await interaction.reply({ content: 'There was an error!', ephemeral: true });
  }
});
`,
    errors: [{ detector: 'js.double-reply', line: 7 }],
    output: `client.on(Events.InteractionCreate, async (interaction) => {
  try {
    await interaction.reply('Working on it');
    await doWork();
  } catch (error) {
    console.error(error);
    if (interaction.replied || interaction.deferred) {
      await interaction.followUp({ content: 'There was an error!', ephemeral: true });
    } else {
      await interaction.reply({ content: 'There was an error!', ephemeral: true });
    }
  }
});
`,
  },
  {
    name: "busy-wait sleep helper called from a message handler",
    code: `function sleep(ms) {
  const start = Date.now();
  while (Date.now() - start < ms) {}
}

client.on('messageCreate', async (message) => {
  if (message.content !== '!slowmode') return;
  sleep(2000);
  await message.reply('Done waiting.');
});
`,
    errors: [{ detector: 'js.blocking-call-in-async', line: 8 }],
    output: `function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

client.on('messageCreate', async (message) => {
  if (message.content !== '!slowmode') return;
  await sleep(2000);
  await message.reply('Done waiting.');
});
`,
  },
  {
    name: "busy-wait arrow helper with more work, called from a ready listener",
    code: `const pause = (ms) => {
  console.log(\`pausing \${ms}ms\`);
  const end = Date.now() + ms;
  while (Date.now() < end);
};

client.once('ready', () => {
  pause(500);
  console.log('ready');
});
`,
    errors: [{ detector: 'js.blocking-call-in-async', line: 8 }],
    output: `const pause = async (ms) => {
  console.log(\`pausing \${ms}ms\`);
  await new Promise((resolve) => setTimeout(resolve, ms));
};

client.once('ready', async () => {
  await pause(500);
  console.log('ready');
});
`,
  },
  {
    name: "pbkdf2Sync destructured from require in an express route",
    code: `const { pbkdf2Sync } = require('crypto');

app.post('/login', async (req, res) => {
  const user = await User.findOne({ name: req.body.name });
  const hash = pbkdf2Sync(req.body.password, user.salt, 310000, 32, 'sha256');
  res.json({ ok: hash.toString('hex') === user.hash });
});
`,
    errors: [{ detector: 'js.blocking-call-in-async', line: 5 }],
    output: `const { pbkdf2 } = require('crypto');

app.post('/login', async (req, res) => {
  const user = await User.findOne({ name: req.body.name });
  const hash = await new Promise((resolve, reject) => pbkdf2(req.body.password, user.salt, 310000, 32, 'sha256', (err, derived) => (err ? reject(err) : resolve(derived))));
  res.json({ ok: hash.toString('hex') === user.hash });
});
`,
  },
  {
    name: "pbkdf2Sync imported by name from node:crypto in a command",
    code: `import { pbkdf2Sync } from 'node:crypto';

export async function execute(interaction) {
  const secret = interaction.options.getString('secret');
  const key = pbkdf2Sync(secret, SALT, 600000, 64, 'sha512').toString('hex');
  await interaction.reply({ content: \`Key: \${key.slice(0, 8)}…\`, ephemeral: true });
}
`,
    errors: [{ detector: 'js.blocking-call-in-async', line: 5 }],
    output: `import { pbkdf2 } from 'node:crypto';

export async function execute(interaction) {
  const secret = interaction.options.getString('secret');
  const key = (await new Promise((resolve, reject) => pbkdf2(secret, SALT, 600000, 64, 'sha512', (err, derived) => (err ? reject(err) : resolve(derived))))).toString('hex');
  await interaction.reply({ content: \`Key: \${key.slice(0, 8)}…\`, ephemeral: true });
}
`,
  },
  {
    name: "sync readFileSync helper reached from an async handler through another helper",
    code: `const fs = require('fs');

function loadTags() {
  return JSON.parse(fs.readFileSync('./tags.json', 'utf8'));
}

function findTag(name) {
  return loadTags()[name];
}

client.on('messageCreate', async (message) => {
  const tag = findTag(message.content.slice(1));
  if (tag) await message.reply(tag);
});
`,
    errors: [{ detector: 'js.blocking-call-in-async', line: 12 }],
    output: null,
  },
  {
    name: "map(async) stored, then returned from an async function",
    code: `async function loadProfiles(ids) {
  const profiles = ids.map(async (id) => {
    const res = await fetch(\`https://api.example.com/profiles/\${id}\`);
    return res.json();
  });
  return profiles;
}
`,
    errors: [{ detector: 'js.async-foreach', line: 2 }],
    output: `async function loadProfiles(ids) {
  const profiles = await Promise.all(ids.map(async (id) => {
    const res = await fetch(\`https://api.example.com/profiles/\${id}\`);
    return res.json();
  }));
  return profiles;
}
`,
  },
  {
    name: "async arrow returns map(async) of member fetches",
    code: `const fetchMembers = async (guild, ids) => ids.map(async (id) => guild.members.fetch(id));

client.on('interactionCreate', async (interaction) => {
  const members = await fetchMembers(interaction.guild, WATCHED_IDS);
  await interaction.reply(members.map((m) => m.displayName).join(', '));
});
`,
    errors: [{ detector: 'js.async-foreach', line: 1 }, { detector: 'js.slow-work-before-defer', line: 4 }],
    output: `const fetchMembers = async (guild, ids) => await Promise.all(ids.map(async (id) => guild.members.fetch(id)));

client.on('interactionCreate', async (interaction) => {
  const members = await fetchMembers(interaction.guild, WATCHED_IDS);
  await interaction.reply(members.map((m) => m.displayName).join(', '));
});
`,
  },
  {
    name: "own async function called bare at the top of a CommonJS script",
    code: `const fs = require('fs');

async function saveAll(data) {
  await fs.promises.writeFile('backup.json', JSON.stringify(data));
}

saveAll(cache);
console.log('backup written');
`,
    errors: [{ detector: 'js.floating-promise', line: 7 }],
    output: `const fs = require('fs');

async function saveAll(data) {
  await fs.promises.writeFile('backup.json', JSON.stringify(data));
}

saveAll(cache).catch(console.error);
console.log('backup written');
`,
  },
  {
    name: "own async function called bare at the top of an ES module",
    code: `import { REST, Routes } from 'discord.js';

async function deployCommands() {
  const rest = new REST().setToken(process.env.TOKEN);
  await rest.put(Routes.applicationCommands(CLIENT_ID), { body: commands });
}

deployCommands();
console.log('Commands deployed');
`,
    errors: [{ detector: 'js.floating-promise', line: 8 }],
    output: `import { REST, Routes } from 'discord.js';

async function deployCommands() {
  const rest = new REST().setToken(process.env.TOKEN);
  await rest.put(Routes.applicationCommands(CLIENT_ID), { body: commands });
}

await deployCommands();
console.log('Commands deployed');
`,
  },
  {
    name: "return sqlite db.get in try",
    code: `async function getBalance(userId) {
  try {
    return db.get('SELECT coins FROM economy WHERE user_id = ?', userId);
  } catch (err) {
    console.error('balance lookup failed', err);
    return { coins: 0 };
  }
}
`,
    errors: [{ detector: 'js.return-without-await-in-try', line: 3 }],
    output: `async function getBalance(userId) {
  try {
    return await db.get('SELECT coins FROM economy WHERE user_id = ?', userId);
  } catch (err) {
    console.error('balance lookup failed', err);
    return { coins: 0 };
  }
}
`,
  },
  {
    name: "return mongoose Model.create in try",
    code: `app.post('/users', async (req, res) => {
  res.status(201).json(await createUser(req.body));
});

async function createUser(data) {
  try {
    return User.create(data);
  } catch (err) {
    if (err.code === 11000) return null;
    throw err;
  }
}
`,
    errors: [{ detector: 'js.return-without-await-in-try', line: 7 }],
    output: `app.post('/users', async (req, res) => {
  res.status(201).json(await createUser(req.body));
});

async function createUser(data) {
  try {
    return await User.create(data);
  } catch (err) {
    if (err.code === 11000) return null;
    throw err;
  }
}
`,
  },
  {
    name: "return awaitMessages in try (the time-out error escapes)",
    code: `async function askQuestion(channel, filter) {
  try {
    return channel.awaitMessages({ filter, max: 1, time: 30_000, errors: ['time'] });
  } catch {
    await channel.send('Time is up!');
    return null;
  }
}
`,
    errors: [{ detector: 'js.return-without-await-in-try', line: 3 }],
    output: `async function askQuestion(channel, filter) {
  try {
    return await channel.awaitMessages({ filter, max: 1, time: 30_000, errors: ['time'] });
  } catch {
    await channel.send('Time is up!');
    return null;
  }
}
`,
  },
  {
    name: "leaderboard loop fetches each user, then appends a line",
    code: `async function leaderboard(client, rows) {
  let text = '';
  for (const row of rows) {
    const user = await client.users.fetch(row.userId);
    text += \`\${user.username}: \${row.xp} XP\\n\`;
  }
  return text;
}
`,
    errors: [{ detector: 'js.await-in-loop', line: 3 }],
    output: `async function leaderboard(client, rows) {
  let text = '';
  for (const [row, user] of await Promise.all(rows.map(async (row) => [row, await client.users.fetch(row.userId)]))) {
    text += \`\${user.username}: \${row.xp} XP\\n\`;
  }
  return text;
}
`,
  },
  {
    name: "counting recent messages channel by channel",
    code: `async function countRecent(guild) {
  let total = 0;
  for (const channel of guild.channels.cache.filter((c) => c.isTextBased()).values()) {
    const messages = await channel.messages.fetch({ limit: 50 });
    if (messages.size === 0) continue;
    total += messages.size;
  }
  return total;
}
`,
    errors: [{ detector: 'js.await-in-loop', line: 3 }],
    output: `async function countRecent(guild) {
  let total = 0;
  for (const [channel, messages] of await Promise.all(Array.from(guild.channels.cache.filter((c) => c.isTextBased()).values(), async (channel) => [channel, await channel.messages.fetch({ limit: 50 })]))) {
    if (messages.size === 0) continue;
    total += messages.size;
  }
  return total;
}
`,
  },
  {
    name: "then on a function that forgot to return its promise",
    code: `function fetchUser(id) {
  new Promise((resolve) => setTimeout(() => resolve({ id }), 5));
}

fetchUser(3).then((user) => console.log(user));
`,
    errors: [{ detector: 'js.then-on-non-promise', line: 5 }],
    output: `function fetchUser(id) {
  return new Promise((resolve) => setTimeout(() => resolve({ id }), 5));
}

fetchUser(3).then((user) => console.log(user));
`,
  },
  {
    name: "then on a helper whose last statement is an axios chain it does not return",
    code: `export function fetchData(ajaxUrl, postParams) {
  const params = new URLSearchParams();
  axios.post(ajaxUrl, params)
    .then((response) => response)
    .catch((error) => Promise.reject(error));
}

fetchData(url, {}).then((response) => show(response));
`,
    errors: [{ detector: 'js.then-on-non-promise', line: 8 }],
    output: `export function fetchData(ajaxUrl, postParams) {
  const params = new URLSearchParams();
  return axios.post(ajaxUrl, params)
    .then((response) => response)
    .catch((error) => Promise.reject(error));
}

fetchData(url, {}).then((response) => show(response));
`,
  },
  {
    name: "then on readFileSync in a command",
    code: `const fs = require('node:fs');

client.on('messageCreate', (message) => {
  if (message.content !== '!rules') return;
  fs.readFileSync('./rules.txt', 'utf8').then((rules) => message.reply(rules));
});
`,
    errors: [{ detector: 'js.then-on-non-promise', line: 5 }, { detector: 'js.blocking-call-in-async', line: 5 }],
    output: null,
  },
  {
    name: "then on JSON.parse",
    code: `app.post('/webhook', (req, res) => {
  JSON.parse(req.body.payload).then((event) => handle(event));
  res.sendStatus(200);
});
`,
    errors: [{ detector: 'js.then-on-non-promise', line: 2 }],
    output: null,
  },
  {
    name: "then on an array of promises from map",
    code: `client.on('ready', () => {
  GUILD_IDS.map((id) => client.guilds.fetch(id)).then((guilds) => {
    console.log(\`In \${guilds.length} guilds\`);
  });
});
`,
    errors: [{ detector: 'js.then-on-non-promise', line: 2 }],
    output: `client.on('ready', () => {
  Promise.all(GUILD_IDS.map((id) => client.guilds.fetch(id))).then((guilds) => {
    console.log(\`In \${guilds.length} guilds\`);
  });
});
`,
  },
  {
    name: "then on an own plain function returning a value",
    code: `function getPrefix(guildId) {
  return \`\${prefixes[guildId] || '!'}\`;
}

client.on('messageCreate', (message) => {
  getPrefix(message.guildId).then((prefix) => {
    if (message.content.startsWith(prefix)) runCommand(message);
  });
});
`,
    errors: [{ detector: 'js.then-on-non-promise', line: 6 }],
    output: null,
  },
  {
    name: "crypto.scryptSync in a plain message listener",
    code: `const crypto = require('node:crypto');

client.on('messageCreate', (message) => {
  if (!message.content.startsWith('!hash ')) return;
  const key = crypto.scryptSync(message.content.slice(6), SALT, 32);
  message.author.send(key.toString('hex')).catch(() => {});
});
`,
    errors: [{ detector: 'js.blocking-call-in-async', line: 5 }],
    output: `const crypto = require('node:crypto');

client.on('messageCreate', async (message) => {
  if (!message.content.startsWith('!hash ')) return;
  const key = await new Promise((resolve, reject) => crypto.scrypt(message.content.slice(6), SALT, 32, (err, derived) => (err ? reject(err) : resolve(derived))));
  message.author.send(key.toString('hex')).catch(() => {});
});
`,
  },
  {
    name: "bcrypt hashSync in a register route",
    code: `const bcrypt = require('bcrypt');

app.post('/register', async (req, res) => {
  const hash = bcrypt.hashSync(req.body.password, 12);
  await User.create({ name: req.body.name, hash });
  res.sendStatus(201);
});
`,
    errors: [{ detector: 'js.blocking-call-in-async', line: 4 }],
    output: `const bcrypt = require('bcrypt');

app.post('/register', async (req, res) => {
  const hash = await bcrypt.hash(req.body.password, 12);
  await User.create({ name: req.body.name, hash });
  res.sendStatus(201);
});
`,
  },
  {
    name: "Mocha test both async and taking done",
    code: `describe('users', () => {
  it('saves a user', async (done) => {
    await saveUser({ id: 1, name: 'ada' });
    const user = await findUser(1);
    assert.strictEqual(user.name, 'ada');
    done();
  });
});
`,
    errors: [{ detector: 'js.done-with-promise', line: 2 }],
    output: `describe('users', () => {
  it('saves a user', async () => {
    await saveUser({ id: 1, name: 'ada' });
    const user = await findUser(1);
    assert.strictEqual(user.name, 'ada');
  });
});
`,
  },
  {
    name: "test returns a then chain that ends in done()",
    code: `it('returns the help message', (done) => {
  return bot.usersInput([{ text: 'help' }]).then((text) => {
    assert.equal(text, 'help message');
    done();
  });
});
`,
    errors: [{ detector: 'js.done-with-promise', line: 1 }],
    output: `it('returns the help message', () => {
  return bot.usersInput([{ text: 'help' }]).then((text) => {
    assert.equal(text, 'help message');
  });
});
`,
  },
  {
    name: "before hook returns a chain with .then(() => done()).catch(done)",
    code: `before(done => {
  return Promise.all([])
    .then(() => Model.insert({ id: 1 }))
    .then(() => done())
    .catch(done);
});
`,
    errors: [{ detector: 'js.done-with-promise', line: 1 }],
    output: `before(() => {
  return Promise.all([])
    .then(() => Model.insert({ id: 1 }));
});
`,
  },
  {
    name: "Jest async test that also takes done",
    code: `test('loads the profile', async function (done) {
  const profile = await api.profile('ada');
  expect(profile.name).toBe('Ada');
  done();
});
`,
    errors: [{ detector: 'js.done-with-promise', line: 1 }],
    output: `test('loads the profile', async function () {
  const profile = await api.profile('ada');
  expect(profile.name).toBe('Ada');
});
`,
  },
  {
    name: "async test passes done(err) to a callback API: no automatic fix",
    code: `it('writes the report', async (done) => {
  const report = await buildReport();
  fs.writeFile('report.json', JSON.stringify(report), (err) => {
    done(err);
  });
});
`,
    errors: [{ detector: 'js.done-with-promise', line: 1 }],
    output: null,
  },
  {
    name: "editReply as the first answer in the interactionCreate listener",
    code: `client.on(Events.InteractionCreate, async (interaction) => {
  if (!interaction.isChatInputCommand()) return;
  const stats = await loadStats(interaction.guildId);
  await interaction.editReply(\`Members: \${stats.members}\`);
});
`,
    errors: [{ detector: 'js.response-before-ack', line: 4 }],
    output: `client.on(Events.InteractionCreate, async (interaction) => {
  if (!interaction.isChatInputCommand()) return;
  const stats = await loadStats(interaction.guildId);
  await interaction.reply(\`Members: \${stats.members}\`);
});
`,
  },
  {
    name: "followUp as the first answer",
    code: `client.on('interactionCreate', async (interaction) => {
  if (interaction.commandName !== 'hello') return;
  await interaction.followUp('Hello!');
});
`,
    errors: [{ detector: 'js.response-before-ack', line: 3 }],
    output: `client.on('interactionCreate', async (interaction) => {
  if (interaction.commandName !== 'hello') return;
  await interaction.reply('Hello!');
});
`,
  },
  {
    name: "button collector edits before updating",
    code: `const collector = message.createMessageComponentCollector({ time: 60_000 });
collector.on('collect', async (i) => {
  page += 1;
  await i.editReply({ embeds: [pages[page]] });
});
`,
    errors: [{ detector: 'js.response-before-ack', line: 4 }],
    output: `const collector = message.createMessageComponentCollector({ time: 60_000 });
collector.on('collect', async (i) => {
  page += 1;
  await i.update({ embeds: [pages[page]] });
});
`,
  },
  {
    name: "deleteReply before any reply: no automatic fix",
    code: `client.on(Events.InteractionCreate, async (interaction) => {
  if (!interaction.isChatInputCommand()) return;
  await interaction.deleteReply();
});
`,
    errors: [{ detector: 'js.response-before-ack', line: 3 }],
    output: null,
  },
  {
    name: "editReply first in a command module: a weak finding (a central handler may have deferred), fixed when the error shows it did not",
    code: `module.exports = {
  data: new SlashCommandBuilder().setName('stats').setDescription('Server stats'),
  async execute(interaction) {
    const stats = await loadStats(interaction.guildId);
    await interaction.editReply(\`Members: \${stats.members}\`);
  },
};
`,
    errors: [{ detector: 'js.response-before-ack', line: 5 }],
    output: `module.exports = {
  data: new SlashCommandBuilder().setName('stats').setDescription('Server stats'),
  async execute(interaction) {
    const stats = await loadStats(interaction.guildId);
    await interaction.reply(\`Members: \${stats.members}\`);
  },
};
`,
  },
  {
    name: "Mongoose find with a callback",
    code: `const mongoose = require('mongoose');
const User = mongoose.model('User', new mongoose.Schema({ name: String }));

app.get('/users', (req, res) => {
  User.find({}, (err, users) => {
    if (err) return res.status(500).send(err);
    res.json(users);
  });
});
`,
    errors: [{ detector: 'js.mongoose-callback', line: 5 }],
    output: `const mongoose = require('mongoose');
const User = mongoose.model('User', new mongoose.Schema({ name: String }));

app.get('/users', async (req, res) => {
  try {
    const users = await User.find({});
    res.json(users);
  } catch (err) {
    return res.status(500).send(err);
  }
});
`,
  },
  {
    name: "Mongoose connect and save with callbacks",
    code: `mongoose.connect(process.env.MONGO_URI, { useNewUrlParser: true }, (err) => {
  if (err) throw err;
});
const post = new Post({ title });
post.save(function (err) {
  if (err) console.error(err);
});
`,
    errors: [{ detector: 'js.mongoose-callback', line: 1 }, { detector: 'js.mongoose-callback', line: 5 }],
    output: `mongoose.connect(process.env.MONGO_URI, { useNewUrlParser: true }).catch((err) => {
  throw err;
});
const post = new Post({ title });
post.save().catch((err) => {
  console.error(err);
});
`,
  },
  {
    name: "query exec with a callback in Mongoose code",
    code: `const { Schema, model } = require('mongoose');
const Item = model('Item', new Schema({ name: String }));
Item.find().sort({ name: 1 }).exec((err, items) => {
  console.log(items);
});
`,
    errors: [{ detector: 'js.mongoose-callback', line: 3 }],
    output: `const { Schema, model } = require('mongoose');
const Item = model('Item', new Schema({ name: String }));
Item.find().sort({ name: 1 }).exec().then((items) => {
  console.log(items);
});
`,
  },
  {
    name: "await on the global setTimeout with a delay only",
    code: `async function retry(job) {
  console.log('retrying in 1s');
  await setTimeout(1000);
  return job();
}
`,
    errors: [{ detector: 'js.await-non-promise', line: 3 }],
    output: `async function retry(job) {
  console.log('retrying in 1s');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return job();
}
`,
  },
  {
    name: "await on setTimeout with an empty callback",
    code: `client.on('messageCreate', async (message) => {
  await setTimeout(() => {}, 3000);
  await message.channel.send('3 seconds later');
});
`,
    errors: [{ detector: 'js.await-non-promise', line: 2 }],
    output: `client.on('messageCreate', async (message) => {
  await new Promise((resolve) => setTimeout(resolve, 3000));
  await message.channel.send('3 seconds later');
});
`,
  },
  {
    name: "await on setTimeout whose callback does the work: no automatic fix",
    code: `async function restartBot() {
  await setTimeout(() => {
    console.log('timer fired');
  }, 2000);
  console.log('done');
}
`,
    errors: [{ detector: 'js.await-non-promise', line: 2 }],
    output: null,
  },
  {
    name: "await on an async arrow of the paste's own, never called: the call is added",
    code: `const hoge = async () => 'hello';
async function main() {
  const value = await hoge;
  console.log(value);
}
`,
    errors: [{ detector: 'js.await-non-promise', line: 3 }],
    output: `const hoge = async () => 'hello';
async function main() {
  const value = await hoge();
  console.log(value);
}
`,
  },
  {
    name: "await on a function declaration that takes arguments, never called: which arguments is the user's call",
    code: `async function loadUser(id) {
  return db.users.find(id);
}
async function show(req) {
  const user = await loadUser;
  return user.name;
}
`,
    errors: [{ detector: 'js.await-non-promise', line: 5 }],
    output: null,
  },
  {
    name: "an executor that resolves only when its check passes: otherwise nothing ever settles the promise",
    code: `function checkLicense(key) {
  return new Promise((resolve, reject) => {
    const ok = verify(key);
    if (ok) {
      resolve(true);
    } else if (key === '') {
      resolve(false);
    }
  });
}
`,
    errors: [{ detector: 'js.never-settles', line: 2 }],
    output: null,
  },
  {
    name: "an executor that names resolve and does nothing, awaited through Promise.all",
    code: `async function a() {
  await Promise.all([new Promise((resolve) => {
  })]);
  console.log('done!');
}
`,
    errors: [{ detector: 'js.never-settles', line: 2 }],
    output: null,
  },
  {
    name: "a function that returns a promise handed to filter by name: every promise is truthy, so nothing is filtered out",
    code: `const values = [1, 2, 3, 4, 5, 6];
const isEvenPromise = (v) => new Promise((res) => res(v % 2 === 0));
const result = values.filter(isEvenPromise);
console.log(result);
`,
    errors: [{ detector: 'js.async-foreach', line: 3 }],
    output: null,
  },
  {
    name: "an async function of the paste's own handed to forEach by name: nothing waits for the saves",
    code: `async function saveItem(item) {
  await db.insert(item);
}
function saveAll(items) {
  items.forEach(saveItem);
  console.log('saved');
}
`,
    errors: [{ detector: 'js.async-foreach', line: 5 }],
    output: null,
  },
  {
    name: "a promise call left unawaited inside try…catch, at the top of a script and in a plain function: the catch never sees its rejection",
    code: `try {
  fetch('https://api.example.com/charge');
} catch (err) {
  console.log('Caught:', err);
}
async function main() {
  await run();
}
function start() {
  try {
    main();
  } catch (e) {
    console.error(e);
  }
}
`,
    errors: [
      { detector: 'js.floating-promise', line: 2 },
      { detector: 'js.floating-promise', line: 11 },
    ],
    output: `try {
  await fetch('https://api.example.com/charge');
} catch (err) {
  console.log('Caught:', err);
}
async function main() {
  await run();
}
async function start() {
  try {
    await main();
  } catch (e) {
    console.error(e);
  }
}
`,
  },
  {
    name: "a loop that spins on a flag only a timer callback sets, and one that counts on a listener: neither callback can run while the loop holds the thread",
    code: `let flag = false;
setTimeout(() => {
  flag = true;
}, 500);
exports.handler = (evt, ctx, cb) => {
  while (!flag) {}
  cb(null, { statusCode: 200 });
};
let received = 0;
socket.on('data', function () { received++; });
function waitForTwo() {
  do ; while (received < 2);
}
`,
    errors: [
      { detector: 'js.blocking-call-in-async', line: 6 },
      { detector: 'js.blocking-call-in-async', line: 12 },
    ],
    output: null,
  },
  {
    name: "an empty executor kept in a name and awaited with code after the await: that code never runs",
    code: `const promise = new Promise(() => {});
async function demo() {
  await promise;
  console.log('This never logs.');
}
`,
    errors: [{ detector: 'js.never-settles', line: 1 }],
    output: null,
  },
  {
    name: "a Q deferred whose promise is used and which nothing ever resolves or rejects",
    code: `var deferred = require('q').defer();
deferred.promise.then(function () {
  console.log('here');
});
`,
    errors: [{ detector: 'js.never-settles', line: 1 }],
    output: null,
  },
  {
    name: "await on the callback fs API without a callback",
    code: `const fs = require('fs');

async function loadConfig() {
  const text = await fs.readFile('config.json', 'utf8');
  return JSON.parse(text);
}
`,
    errors: [{ detector: 'js.await-non-promise', line: 4 }],
    output: `const fs = require('fs');

async function loadConfig() {
  const text = await fs.promises.readFile('config.json', 'utf8');
  return JSON.parse(text);
}
`,
  },
  {
    name: "await on fs.writeFile with a callback",
    code: `const fs = require('node:fs');
async function save(data) {
  await fs.writeFile('data.json', JSON.stringify(data), (err) => {
    if (err) console.error(err);
  });
  console.log('saved');
}
`,
    errors: [{ detector: 'js.await-non-promise', line: 3 }],
    output: null,
  },
  {
    name: "await on a query given an (err, rows) callback",
    code: `async function listUsers(db) {
  const rows = await db.query('SELECT * FROM users', (err, result) => {
    if (err) throw err;
    return result;
  });
  return rows;
}
`,
    errors: [{ detector: 'js.await-non-promise', line: 2 }],
    output: null,
  },
  {
    name: "await on forEach with a plain callback",
    code: `async function execute(message) {
  const members = message.guild.members.cache.filter((m) => m.roles.cache.size <= 1);
  await members.forEach((member) => {
    member.roles.add(UNREGISTERED).catch(() => {});
  });
  await message.channel.send('done');
}
`,
    errors: [{ detector: 'js.await-non-promise', line: 3 }],
    output: null,
  },
  {
    name: "a new Promise whose executor never calls resolve",
    code: `function waitForPort(port) {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () => console.log('busy'));
    probe.listen(port, '127.0.0.1', () => probe.close());
  });
}
`,
    errors: [{ detector: 'js.never-settles', line: 2 }],
    output: null,
  },
  {
    name: "a timer throws inside the executor instead of rejecting",
    code: `const case1 = async () => {
  return new Promise((resolve) => {
    setTimeout(() => {
      throw Error('case1');
    }, 1000);
  });
};
`,
    errors: [{ detector: 'js.never-settles', line: 2 }],
    output: null,
  },
  {
    name: "a TypeScript method pasted out of its class, with modifiers and a return type, read as a method",
    code: `public async save(user: User): Promise<void> {
  fetch('/api/audit', { method: 'POST' });
  await this.flush();
}
`,
    errors: [{ detector: 'js.floating-promise', line: 2 }],
    output: `public async save(user: User): Promise<void> {
  await fetch('/api/audit', { method: 'POST' });
  await this.flush();
}
`,
  },
  {
    name: "a bare fs/promises mkdir left unawaited beside an awaited writeFile, the import left out of the paste",
    code: `async function save(): Promise<void> {
  mkdir('/data');
  await writeFile('/data/hello.txt', 'Hello, world!');
}
`,
    errors: [{ detector: 'js.floating-promise', line: 2 }],
    output: `async function save(): Promise<void> {
  await mkdir('/data');
  await writeFile('/data/hello.txt', 'Hello, world!');
}
`,
  },
  {
    name: "useEffect whose arrow, without braces, returns an async IIFE's promise",
    code: `function Widgets() {
  const [widgets, setWidgets] = useState([]);
  useEffect(() => (async () => setWidgets(await fetchWidgets()))());
  return <List items={widgets} />;
}
`,
    errors: [{ detector: 'js.async-effect', line: 3 }],
    output: null,
  },
  {
    name: "useEffect whose arrow, without braces, returns the promise of the component's own async function",
    code: `async function loadUser(id) {
  const res = await fetch(\`/api/users/\${id}\`);
  return res.json();
}
function Profile({ id }) {
  useEffect(() => loadUser(id), [id]);
  return null;
}
`,
    errors: [{ detector: 'js.async-effect', line: 6 }],
    output: null,
  },
  {
    name: "useEffect with an async callback",
    code: `function Profile({ id }) {
  const [user, setUser] = useState(null);
  useEffect(async () => {
    const res = await fetch(\`/api/users/\${id}\`);
    setUser(await res.json());
  }, [id]);
  return <p>{user?.name}</p>;
}
`,
    errors: [{ detector: 'js.async-effect', line: 3 }],
    output: `function Profile({ id }) {
  const [user, setUser] = useState(null);
  useEffect(() => {
    async function run() {
      const res = await fetch(\`/api/users/\${id}\`);
      setUser(await res.json());
    }
    run();
  }, [id]);
  return <p>{user?.name}</p>;
}
`,
  },
  {
    name: "React.useEffect with an async function expression",
    code: `React.useEffect(async function () {
  await loadSettings();
}, []);
`,
    errors: [{ detector: 'js.async-effect', line: 1 }],
    output: `React.useEffect(function () {
  async function run() {
    await loadSettings();
  }
  run();
}, []);
`,
  },
  {
    name: "async effect that returns a clean-up: no automatic fix",
    code: `useEffect(async () => {
  const socket = await connect(room);
  return () => socket.close();
}, [room]);
`,
    errors: [{ detector: 'js.async-effect', line: 1 }],
    output: null,
  },
  {
    name: "Jest test with a then chain nobody waits for",
    code: `test('loads the user', () => {
  fetchUser(1).then((user) => {
    expect(user.name).toBe('ada');
  });
});
`,
    errors: [{ detector: 'js.test-not-waiting', line: 2 }],
    output: `test('loads the user', async () => {
  await fetchUser(1).then((user) => {
    expect(user.name).toBe('ada');
  });
});
`,
  },
  {
    name: 'a chain nobody waits for before the test returns something else: still dropped',
    code: `test('clears', () => {
  store.clear().then(() => {
    expect(store.size).toBe(0);
  });
  return store.close();
});
`,
    errors: [{ detector: 'js.test-not-waiting', line: 2 }],
    output: `test('clears', async () => {
  await store.clear().then(() => {
    expect(store.size).toBe(0);
  });
  return store.close();
});
`,
  },
  {
    name: "resolves assertion not awaited in a function test",
    code: `it('resolves the name', function () {
  expect(fetchUserName(1)).resolves.toBe('ada');
});
`,
    errors: [{ detector: 'js.test-not-waiting', line: 2 }],
    output: `it('resolves the name', async function () {
  await expect(fetchUserName(1)).resolves.toBe('ada');
});
`,
  },
  {
    name: "async test with a floating assertion chain",
    code: `it('saves', async () => {
  await db.connect();
  repo.save({ id: 1 }).then(() => assert.ok(true));
});
`,
    errors: [{ detector: 'js.test-not-waiting', line: 3 }],
    output: `it('saves', async () => {
  await db.connect();
  await repo.save({ id: 1 }).then(() => assert.ok(true));
});
`,
  },
  {
    name: "async Express route that throws",
    code: `app.get('/health', async (req, res) => {
  throw new Error('fake error');
});
`,
    errors: [{ detector: 'js.express-async-route', line: 1 }],
    output: `app.get('/health', async (req, res, next) => {
  try {
    throw new Error('fake error');
  } catch (err) {
    next(err);
  }
});
`,
  },
  {
    name: "async router handler awaiting outside try, with an error middleware",
    code: `router.get('/orders/:id', async (req, res) => {
  const order = await Order.findById(req.params.id);
  res.json(order);
});

app.use((err, req, res, next) => {
  res.status(500).json({ error: err.message });
});
`,
    errors: [{ detector: 'js.express-async-route', line: 1 }],
    output: `router.get('/orders/:id', async (req, res, next) => {
  try {
    const order = await Order.findById(req.params.id);
    res.json(order);
  } catch (err) {
    next(err);
  }
});

app.use((err, req, res, next) => {
  res.status(500).json({ error: err.message });
});
`,
  },
  {
    name: "async handler takes next and never calls it",
    code: `app.get('/', async (req, res, next) => {
  await someAsyncFunc();
});
`,
    errors: [{ detector: 'js.express-async-route', line: 1 }],
    output: `app.get('/', async (req, res, next) => {
  try {
    await someAsyncFunc();
  } catch (err) {
    next(err);
  }
});
`,
  },
  {
    name: "Mongoose-style model call with an err-first callback and no import in the paste",
    code: `passport.use(new JwtStrategy(opts, function (payload, done) {
  Account.findOne({ id: payload.sub }, function (err, account) {
    if (err) return done(err, false);
    return done(null, account || false);
  });
}));
`,
    errors: [{ detector: 'js.mongoose-callback', line: 2 }],
    output: `passport.use(new JwtStrategy(opts, function (payload, done) {
  Account.findOne({ id: payload.sub }).then((account) => {
    return done(null, account || false);
  }).catch((err) => {
    return done(err, false);
  });
}));
`,
  },
  {
    name: "statements cut from an async function (top-level await and return) are read as its body",
    code: `try {
  const res = await fetch(\`\${base}/docs.json\`);
  if (!res.ok) throw new Error(\`HTTP \${res.status}\`);
  return res.json();
} catch (err) {
  console.error(err);
}
`,
    errors: [{ detector: 'js.return-without-await-in-try', line: 4 }],
    output: `try {
  const res = await fetch(\`\${base}/docs.json\`);
  if (!res.ok) throw new Error(\`HTTP \${res.status}\`);
  return await res.json();
} catch (err) {
  console.error(err);
}
`,
  },
  {
    name: "a loop with top-level await in a fragment awaits each fetch in turn",
    code: `const ids = [1, 2, 3];
for (const id of ids) {
  const user = await client.users.fetch(id);
  console.log(user.tag);
}
`,
    errors: [{ detector: 'js.await-in-loop', line: 2 }],
    output: `const ids = [1, 2, 3];
await Promise.all(ids.map(async (id) => {
  const user = await client.users.fetch(id);
  console.log(user.tag);
}));
`,
  },
  {
    name: "a paste cut off inside a try still returns the promise unawaited",
    code: `async function save(user) {
  try {
    return db.query('INSERT INTO users VALUES ($1)', [user.id]);
`,
    errors: [{ detector: 'js.return-without-await-in-try', line: 3 }],
    output: `async function save(user) {
  try {
    return await db.query('INSERT INTO users VALUES ($1)', [user.id]);
`,
  },
  {
    name: "a diff from a pull request is read as its new side",
    code: `@@ -1,6 +1,6 @@
 async function levelTwo() {
   try {
-    return await levelOne();
+    return levelOne();
   } catch (err) {
     console.error(err);
   }
 }
 async function levelOne() {
   throw new Error('boom');
 }
`,
    errors: [{ detector: 'js.return-without-await-in-try', line: 5 }],
    output: `@@ -1,6 +1,6 @@
 async function levelTwo() {
   try {
-    return await levelOne();
+    return await levelOne();
   } catch (err) {
     console.error(err);
   }
 }
 async function levelOne() {
   throw new Error('boom');
 }
`,
  },
  {
    name: "a then callback awaits the promise its own chain makes",
    code: `let ready = connect().then(async (db) => {
  await migrate(db);
  await ready;
  console.log('ready');
});
`,
    errors: [{ detector: 'js.never-settles', line: 3 }],
    output: null,
  },
  {
    name: "an empty executor that names resolve, awaited later",
    code: `const gate = new Promise((resolve) => {});
(async () => {
  await gate;
  console.log('after the gate');
})();
`,
    errors: [{ detector: 'js.never-settles', line: 1 }],
    output: null,
  },
  {
    name: "then on a call given a Node-style callback",
    code: `request(url, { method: 'POST', json: body }, (error, response, data) => {
  console.log(response.statusCode);
}).then(() => {
  console.log('done');
});
`,
    errors: [{ detector: 'js.then-on-non-promise', line: 1 }],
    output: null,
  },
  {
    name: "a document saved with an err-first callback and no import in the paste",
    code: `const book = new Book({ title, author });
book.save(function (err) {
  if (err) return next(err);
  res.redirect(book.url);
});
`,
    errors: [{ detector: 'js.mongoose-callback', line: 2 }],
    output: `const book = new Book({ title, author });
book.save().then(() => {
  res.redirect(book.url);
}).catch((err) => {
  return next(err);
});
`,
  },
  {
    name: "synchronous work wrapped in an async function that never waits, started from a handler",
    code: `client.on('messageCreate', async (message) => {
  const work = async () => {
    const result = solvePuzzle(message.content);
    cache.set(message.author.id, result);
  };
  work();
});
`,
    errors: [{ detector: 'js.blocking-call-in-async', line: 6 }],
    output: null,
  },
  {
    name: "an async IIFE around synchronous work inside a route handler",
    code: `app.post('/render', (req, res) => {
  (async () => {
    renderReport(req.body);
  })();
  res.sendStatus(202);
});
`,
    errors: [{ detector: 'js.blocking-call-in-async', line: 2 }],
    output: null,
  },
  {
    name: "a named (req, res, next) handler that throws, its router not in the paste",
    code: `export async function getUser(req, res, next) {
  const user = users.get(req.params.id);
  if (!user) throw new Error('not found');
  res.json(user);
}
`,
    errors: [{ detector: 'js.express-async-route', line: 1 }],
    output: `export async function getUser(req, res, next) {
  try {
    const user = users.get(req.params.id);
    if (!user) throw new Error('not found');
    res.json(user);
  } catch (err) {
    next(err);
  }
}
`,
  },
  {
    name: "a named async handler that throws, given to a router by name",
    code: `async function deleteUser(req, res, next) {
  throw new Error('not allowed');
}
router.delete('/users/:id', deleteUser);
`,
    errors: [{ detector: 'js.express-async-route', line: 1 }],
    output: `async function deleteUser(req, res, next) {
  try {
    throw new Error('not allowed');
  } catch (err) {
    next(err);
  }
}
router.delete('/users/:id', deleteUser);
`,
  },
  {
    name: "a promise stored in a variable nothing reads",
    code: `client.on('interactionCreate', async (interaction) => {
  const member = interaction.guild.members.fetch(interaction.user.id);
  await interaction.reply('Checking your roles…');
});
`,
    errors: [{ detector: 'js.floating-promise', line: 2 }],
    output: `client.on('interactionCreate', async (interaction) => {
  const member = await interaction.guild.members.fetch(interaction.user.id);
  await interaction.reply('Checking your roles…');
});
`,
  },
  {
    name: "a command body pasted without its handler, interaction in scope",
    code: `const member = interaction.options.getMember('target');
member.roles.add(ROLE_ID);
interaction.reply({ content: 'Role given.', ephemeral: true });
`,
    errors: [{ detector: 'js.floating-promise', line: 2 }, { detector: 'js.floating-promise', line: 3 }],
    output: `const member = interaction.options.getMember('target');
await member.roles.add(ROLE_ID);
await interaction.reply({ content: 'Role given.', ephemeral: true });
`,
  },
  {
    name: "knex transaction callback that returns nothing and never commits: the insert chain in its forEach floats (no safe automatic fix: return the work)",
    code: `knex.transaction(function (trx) {
  rows.forEach(function (row) {
    knex('users').transacting(trx).insert(row).then(function () {
      console.log('inserted');
    });
  });
});
`,
    errors: [{ detector: 'js.floating-promise', line: 3 }],
    output: null,
  },
  {
    name: "Sequelize managed transaction whose callback hands the transaction to a call and returns nothing",
    code: `sequelize.transaction((t) => {
  saveOrder(order, t);
});
`,
    errors: [{ detector: 'js.floating-promise', line: 2 }],
    output: `sequelize.transaction(async (t) => {
  await saveOrder(order, t);
});
`,
  },
  {
    name: "a bcrypt promise handed to another bcrypt call that needs its value (the salt)",
    code: `const bcrypt = require('bcrypt');

async function hashPassword(password) {
  const salt = bcrypt.genSalt(10);
  return bcrypt.hash(password, salt);
}
`,
    errors: [{ detector: 'js.promise-as-value', line: 4 }],
    output: `const bcrypt = require('bcrypt');

async function hashPassword(password) {
  const salt = await bcrypt.genSalt(10);
  return bcrypt.hash(password, salt);
}
`,
  },
  {
    name: "a plain function starts a fetch chain and returns nothing; its caller reads the result (undefined): no automatic fix, the promise must be returned inside the function",
    code: `function getData(url) {
  fetch(url)
    .then((res) => res.json())
    .then((data) => console.log(data))
    .catch(console.error);
}

const items = getData('/api/items');
console.log(items.length);
`,
    errors: [{ detector: 'js.promise-as-value', line: 8 }],
    output: null,
  },
  {
    name: "a .map callback with braces and no return builds the array Promise.all waits on: it holds only undefined and the work floats (no automatic fix)",
    code: `async function loadAll(items) {
  const promises = items.map((item) => {
    limit(() => getData(item));
  });
  return Promise.all(promises);
}
`,
    errors: [{ detector: 'js.floating-promise', line: 3 }],
    output: null,
  },
  {
    name: "Promise.all over a .map whose callback starts the work in an if and returns nothing",
    code: `async function saveAll(rows) {
  await Promise.all(rows.map((row) => {
    if (row.dirty) saveRow(row);
  }));
}
`,
    errors: [{ detector: 'js.floating-promise', line: 3 }],
    output: null,
  },
  {
    name: "a throw inside a setTimeout callback in a route handler runs after the handler returned: no Express version routes it to the error middleware (no automatic fix)",
    code: `app.get('/problem', function (req, res, next) {
  setTimeout(function () {
    throw new Error('problem error');
  }, 3000);
});
`,
    errors: [{ detector: 'js.express-async-route', line: 3 }],
    output: null,
  },
];

export const valid: ValidCase[] = [
  {
    name: "a model's queries used as queries: populated and executed, chained with then, Sequelize 1's success(), Bluebird's map",
    code: `const User = require('../models/user');

router.get('/:id', (req, res) => {
  const query = User.findOne({ _id: req.params.id }).populate('posts');
  query.exec((err, doc) => res.json(doc));
  User.findById(req.params.id).lean().then((u) => res.json(u));
  Task.findAll().success((tasks) => res.json(tasks));
  const names = User.findAll().map((u) => u.name);
  return names;
});
`,
  },
  {
    name: "Meteor's collections answer findOne synchronously, and a class of the paste's own has a findOne of its own",
    code: `Meteor.methods({
  title(id) {
    const post = Posts.findOne({ _id: id });
    return post.title;
  },
});

class Store {
  static findOne(query) {
    return rows.find((r) => r.id === query.id);
  }
}
const row = Store.findOne({ id: 1 });
console.log(row.id);
`,
  },
  {
    name: "a .then callback with braces that returns the body's promise, and one whose next step reads nothing: nothing dropped",
    code: `function load(url) {
  return Fetch(url)
    .then((res) => {
      return res.json();
    })
    .then((data) => show(data));
}
`,
  },
  {
    name: 'a then chain kept in a variable and returned, the variable it sets read only inside the chain',
    code: `function getUser(id) {
  let user;
  const pending = api.get(id).then((r) => {
    user = r.data;
    return user;
  });
  return pending;
}
`,
  },
  {
    name: "a reply that ends the try, and another in its catch (the discord.js guide's reload command): the catch runs only when the first answer was never given",
    code: `async function execute(interaction) {
  try {
    const newCommand = require(\`./\${name}.js\`);
    interaction.client.commands.set(newCommand.data.name, newCommand);
    await interaction.reply(\`Command \${newCommand.data.name} was reloaded!\`);
  } catch (error) {
    console.error(error);
    await interaction.reply(\`There was an error while reloading: \${error.message}\`);
  }
}
`,
  },
  {
    name: 'deferreds that are settled, handed on or returned (settled out of sight), and one whose promise is never used',
    code: `function load(url) {
  const d = Q.defer();
  request(url, (err, body) => (err ? d.reject(err) : d.resolve(body)));
  return d.promise;
}
function start(done) {
  const later = $q.defer();
  register(later);
  return later.promise;
}
function make() {
  const made = Q.defer();
  return made;
}
const unused = Q.defer();
`,
  },
  {
    name: 'an empty executor awaited as the last thing a script or function does: kept waiting on purpose',
    code: `async function serve() {
  startServer();
  await new Promise(() => {});
}
const forever = new Promise(() => {});
async function main() {
  await forever;
}
`,
  },
  {
    name: 'loops over flags that can change: the loop awaits, the loop itself or its own function sets the flag, a flag nothing sets, a property of an object',
    code: `let ready = false;
setTimeout(() => { ready = true; }, 100);
async function waitReady() {
  while (!ready) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
function drain(queue) {
  let done = false;
  while (!done) {
    done = queue.shift() === undefined;
  }
}
let n = 0;
function spin() {
  while (n < 3) n++;
}
while (!state.ready) {}
`,
  },
  {
    name: 'promise calls inside try…catch that are awaited, returned or given their own catch; plain calls in a try',
    code: `async function charge(url) {
  try {
    await fetch(url);
    fetch(url + '/log').catch(() => {});
    JSON.parse('{}');
  } catch (err) {
    console.log('Caught:', err);
  }
}
function load(url) {
  try {
    return fetch(url);
  } catch (err) {
    return null;
  }
}
`,
  },
  {
    name: "a promise's own .catch and .then awaited with an error-first callback (Mongoose's validation docs): they return a promise, they take no Node-style callback",
    code: `async function check(U1, dup, user) {
  await U1.create(dup).catch(err => {
    err?.message;
  });
  const err = await user.validate().then(() => null, err => err);
  await user.save().finally(() => log('saved'));
  return err;
}
`,
  },
  {
    name: "an error listener chained before the await (node-redis's pool docs): .on('error', (err) => …) registers a listener, it takes no completion callback",
    code: `import { createClientPool } from 'redis';

const pool = await createClientPool()
  .on('error', err => console.error('Redis Client Pool Error', err));
`,
  },
  {
    name: 'functions handed to array methods by name: a plain predicate, and an async one whose promises go to Promise.all',
    code: `function isEven(v) {
  return v % 2 === 0;
}
async function saveItem(item) {
  await db.insert(item);
}
async function saveAll(values) {
  const even = values.filter(isEven);
  await Promise.all(even.map(saveItem));
}
`,
  },
  {
    name: 'executors that settle on every path: an early reject, a conditional expression, both branches, a throw, a callback that may fire again, a nested early return; an empty executor in a Promise.all nobody awaits',
    code: `const a = new Promise((resolve, reject) => {
  if (err) return reject(err);
  resolve(data);
});
const b = new Promise((resolve, reject) => {
  const ok = check();
  ok ? resolve(1) : reject(new Error('no'));
});
const c = new Promise((resolve) => {
  if (cached) {
    resolve(cached);
  } else {
    resolve(load());
  }
});
const d = new Promise((resolve) => {
  if (!ready) throw new Error('not ready');
  resolve();
});
const e = new Promise((resolve) => {
  emitter.on('data', (chunk) => {
    if (chunk.done) resolve(chunk);
  });
});
const f = new Promise((resolve) => {
  if (x) {
    if (y) return resolve(1);
  }
  resolve(2);
});
Promise.all([new Promise((resolve) => {})]).then(() => console.log('never'));
`,
  },
  {
    name: 'await on names that hold promises: a stored call, a parameter that shadows a function, a name reassigned to the call',
    code: `async function load() {
  return 1;
}
async function run(load) {
  await load;
}
async function main() {
  const pending = load();
  await pending;
  let task = async () => 2;
  task = task();
  await task;
  const ready = new Promise((resolve) => setTimeout(resolve, 10));
  await ready;
}
`,
  },
  {
    name: "a .then chain in a function handed back to the caller (an effect's clean-up, a handler a factory makes): called by whoever took it, like a callback",
    code: `export function useAsyncEffect(effect, inputs) {
  useEffect(() => {
    const cancelerGetting = effect();
    return () => {
      cancelerGetting && cancelerGetting.then((canceler) => {
        canceler && canceler();
      });
    };
  }, inputs);
}
function makeHandler(store) {
  return (req) => {
    store.load(req.id).then((row) => log(row));
  };
}
`,
  },
  {
    name: 'a test that returns its chain, pasted with the dot before then( missing: the lines after the return never run, nothing is dropped',
    code: `test('w', () => {
  expect.assertions(1);
  return UserStorage.clear()
    then((res) => {
      expect(fs.existsSync(dirPath)).toBe(true);
    })
    .catch((err) => console.log(err));
});
`,
  },
  {
    name: 'an inner chain returned from the outer .then callback; one in a callback that returns a value of its own; one in a forEach callback',
    code: `it('loads', () => loadUser().then((user) => {
  return loadPosts(user.id).then((posts) => expect(posts).toHaveLength(2));
}));
load().then((data) => {
  track(data).then(() => log('tracked'));
  return data.items;
});
items.forEach((item) => {
  save(item).then(() => log('saved'));
});
`,
  },
  {
    name: 'a statement naming a settled promise or a plain value; a promise made and awaited',
    code: `async function bar() {
  const done = Promise.resolve(1);
  done;
  const count = items.length;
  count;
  const promise = new Promise((resolve) => setTimeout(resolve, 10));
  await promise;
}
`,
  },
  {
    name: "Electron's ipcRenderer.send and sendSync return no promise; invoke returned to the caller",
    code: `const { ipcRenderer } = require('electron');
function notify(msg) {
  ipcRenderer.send('notify', msg);
  ipcRenderer.sendSync('log', msg);
}
function load(id) {
  return ipcRenderer.invoke('load', id);
}
`,
  },
  {
    name: "node-redis 4: a legacy-mode client's promise API through client.v4 and its connect(); a client without legacyMode awaited",
    code: `import { createClient } from 'redis';
const legacy = createClient({ legacyMode: true });
await legacy.connect();
console.log(await legacy.v4.get('key'));
const client = createClient({ url: process.env.REDIS_URL });
await client.connect();
console.log(await client.get('key'));
`,
  },
  {
    name: "Express's res in a route next to a fetch chain whose callback names its Response res too: res.json(data) sends, it reads no body",
    code: `app.get('/user', (req, res) => {
  fetch(api).then((r) => r.json()).then((data) => {
    res.json(data);
  }).catch(next);
});
`,
  },
  {
    name: "an unbound 'knex' called with a config object makes an instance (not a query); its builders awaited",
    code: `const db = knex({ client: 'sqlite3', connection: { filename: './data.db' } });
async function migrate() {
  await knex.schema.createTable('users', (table) => table.increments());
  await knex('users').insert({ name: 'a' });
}
`,
  },
  {
    name: 'an exported function that returns a plain value, logged through its module; an exported promise awaited through a relative require',
    code: `exports.count = function() {
  return items.length;
}
exports.load = async function() {
  return db.all();
}
const model = require('./model');
console.log(model.count());
async function show() {
  const rows = await model.load();
  console.log(rows);
}
`,
  },
  {
    name: "caolan's async.filter and Bluebird's Promise.filter wait for async predicates; lodash's filter with a plain one is fine",
    code: `async.filter(files, async (file) => exists(file), done);
const ok = await Promise.filter(users, async (u) => isActive(u));
const adults = _.filter(users, (u) => u.age >= 18);
`,
  },
  {
    name: 'a script whose last line starts the promise-returning function it defines (with a body): an entry point, not a floating call',
    code: `function main(): Promise<void> {
  return run().then(() => console.log('done'));
}
main();
`,
  },
  {
    name: "a bare mkdir with nothing of fs/promises awaited in the paste",
    code: `async function prepare() {
  mkdir('/data');
  await upload();
}
`,
  },
  {
    name: "a callback-style bare mkdir beside an awaited readFile",
    code: `async function prepareOld() {
  mkdir('/logs', (err) => { if (err) console.error(err); });
  const config = await readFile('/etc/app.json');
  return JSON.parse(config);
}
`,
  },
  {
    name: "a bare rm the paste defines itself, beside an awaited readdir",
    code: `function rm(path) { trash.push(path); }
async function clean() {
  rm('/tmp/a');
  await readdir('/tmp');
}
`,
  },
  {
    name: "effects that return nothing or a clean-up: braces around an async call, a subscription's unsubscribe",
    code: `async function loadUser(id) {
  const res = await fetch(\`/api/users/\${id}\`);
  return res.json();
}
function subscribe(room, onMessage) {
  socket.on(room, onMessage);
  return () => socket.off(room, onMessage);
}
function Profile({ id, room }) {
  useEffect(() => { loadUser(id).then(setUser); }, [id]);
  useEffect(() => subscribe(room, setLast), [room]);
  return null;
}
`,
  },
  {
    name: "knex's migrate.latest awaited and its schema builder returned; a migrate object of the paste's own",
    code: `const knex = require('knex')(config);
async function setup() {
  await knex.migrate.latest();
  return knex.schema.createTable('t', (table) => table.increments());
}
const tool = { migrate: { latest() { return 1; } } };
tool.migrate.latest();
`,
  },
  {
    name: 'TypeScript promise types used the right way: awaited parameter, awaited interface call, a sync member of the same interface',
    code: `interface Api {
  getUser(id: string): Promise<User>;
  name(): string;
}
async function show(api: Api, user: Promise<User>) {
  const u = await user;
  const v = await api.getUser(u.id);
  console.log(api.name(), v);
}
`,
  },
  {
    name: 'executors that do settle: resolve handed to the timer, called in an arrow, returned by a factory call',
    code: `async function main(emitter) {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await new Promise((resolve) => { emitter.once('done', () => resolve()); });
  await new Promise((resolve) => { register(() => resolve); resolve(); });
}
`,
  },
  {
    name: "bcrypt's callback form without an import, a bcrypt the paste defines itself, and promisifyAll's object",
    code: `bcrypt.hash(password, 10, (err, hash) => save(hash));
function check(bcrypt) {
  const ok = bcrypt.compareSync(a, b);
  return ok;
}
const fsp = Promise.promisifyAll(require('fs'));
fsp.readFileAsync('x').then(show, fail);
`,
  },
  {
    name: 'awaits of things that may be promises: a let, a list for Promise.all, a parameter; a test that takes done; class fields without await',
    code: `async function run(p) {
  let n = 1;
  n = fetchN();
  await n;
  const list = [a(), b()];
  await Promise.all(list);
  await p;
}
it('finds the user', (done) => {
  db.findOne('users', { name: 'test' }, (err, result) => {
    done(err);
  });
});
class Store {
  items = [];
  static { Store.ready = true; }
  async load() {
    this.items = await fetchItems();
  }
}
`,
  },
  {
    name: 'a script started by an async IIFE; Promise statics awaited, returned, chained; a settled Promise.resolve statement',
    code: `(async () => {
  await main();
})();
async function both(a, b) {
  const [x, y] = await Promise.all([a(), b()]);
  Promise.resolve(x);
  return Promise.race([x, y]);
}
Promise.allSettled([one(), two()]).then((r) => console.log(r));
`,
  },
  {
    name: 'findOneAndUpdate in its callback form on a driver collection; spreads that are not placeholders',
    code: `collection.findOneAndUpdate({ a: 1 }, { $set: { b: 2 } }, function (err, res) {
  console.log(res);
});
function f(...args) {
  return g(...args, ...[1]);
}
`,
  },
  {
    name: 'a function returning a library promise, awaited by its caller; and the callback form, which returns no promise',
    code: `const { Pool } = require('pg');
const pool = new Pool();
function load(id) {
  return axios.get('/api/users/' + id);
}
async function show(id) {
  const user = await load(id);
  render(user.data);
}
function getUsers(cb) {
  return pool.query('SELECT * FROM users', cb);
}
const users = getUsers((err, res) => console.log(res));
`,
  },
  {
    name: 'a user object with a click method, outside any Testing Library test',
    code: `function onPress(user) {
  user.click(button);
}
`,
  },
  {
    name: 'a user-event click that is awaited',
    code: `test('counts clicks', async () => {
  const user = userEvent.setup();
  render(<Counter />);
  await user.click(screen.getByRole('button'));
});
`,
  },
  {
    // The tag function receives the promise itself (lit's html`…` renders one through until(); template
    // libraries await them): only an untagged template makes it "[object Promise]".
    name: 'an async call handed to a tag function through a tagged template',
    code: `function page() {
  async function user() {
    const name = await dbQuery();
    return html\`<span>\${name}</span>\`;
  }
  return html\`<div>\${user()}</div>\`;
}
`,
  },
  {
    // A tutorial's line quoted alone: its next line, `await Promise.all(promiseArray)`, is outside the paste.
    name: 'an array of promises from map(async …) kept under a name the snippet never reads again: cut before its use',
    code: `const promiseArray = noteObjects.map(async (note) => await note.save());
`,
  },
  {
    // A REPL or console prints the last expression typed: `prom` typed to look at it.
    name: 'the last line a name alone, typed into a REPL to see the promise it holds',
    code: `'use strict';

const prom = new Promise((resolve) => resolve(1));

prom;
`,
  },
  {
    name: 'a template literal with a tag, and a query string between backticks',
    code: `const rows = sql\`
  SELECT * FROM users
\`;
`,
  },
  {
    name: 'an empty executor awaited on purpose, and a sleep that takes resolve',
    code: `async function hang() {
  await new Promise(() => {});
}
async function pause(ms) {
  await new Promise((resolve) => setTimeout(resolve, ms));
}
`,
  },
  {
    name: 'a new Promise stored and then chained or awaited',
    code: `const ready = new Promise((resolve) => server.once('listening', resolve));
ready.then(() => console.log('up'));
async function main() {
  const timer = new Promise((resolve) => setTimeout(resolve, 10));
  await timer;
}
`,
  },
  {
    name: 'async assertions returned, awaited, or handed to done with notify',
    code: `it('resolves', () => {
  return expect(fetchUser(1)).resolves.toEqual({ id: 1 });
});
it('rejects', async () => {
  await expect(fetchUser(-1)).rejects.toThrow('not found');
});
it('eventually', (done) => {
  expect(Promise.resolve(4)).to.eventually.equal(4).notify(done);
});
it('calls done when it settles', (done) => {
  login('bob', 'pw').then(() => {
    expect(session.user).to.equal('bob');
    done();
  });
});
`,
  },
  {
    name: 'a then callback sets a variable the function does not return, or the chain itself is returned',
    code: `function keep(id) {
  let last = null;
  const p = fetchUser(id).then((u) => { last = u; return u; });
  return p;
}
function remember(id) {
  let seen = null;
  return fetchUser(id).then((u) => { seen = u; return seen; });
}
`,
  },
  {
    name: 'a member cut out of a command object, awaiting everything',
    code: `execute: async (interaction) => {
  await interaction.deferReply();
  const rows = await db.all('SELECT name FROM tags');
  await interaction.editReply(String(rows.length));
}
`,
  },
  {
    name: 'straight-line awaits that depend on each other, pace themselves, or send ordered messages',
    code: `async function load(id) {
  const user = await api.get(\`/users/\${id}\`);
  const posts = await api.get(\`/users/\${user.id}/posts\`);
  const a = await sleep(100);
  const b = await sleep(200);
  const m1 = await channel.send('one');
  const m2 = await channel.send('two');
  const x = await api.poll('status');
  const y = await api.poll('status');
  const first = await Promise.all([work(1), work(2)]);
  const second = await Promise.all([work(3), work(4)]);
  return [user, posts, a, b, m1, m2, x, y, first, second];
}
`,
  },
  {
    name: '.then with a rejection handler, and a chain ending in .catch',
    code: `function refresh() {
  api.loadSettings().then(applySettings, showError);
  api.loadUser().then(applyUser).catch(showError);
}
`,
  },
  {
    name: 'a callee chained with .then is also called in callback style (no promise there)',
    code: `api.get('/a').then(show).catch(report);
api.get('/b', (err, res) => {
  if (err) return report(err);
  show(res);
});
`,
  },
  { name: "awaited reply", code: `module.exports = {
  data: new SlashCommandBuilder().setName('ping').setDescription('Replies with Pong!'),
  async execute(interaction) {
    await interaction.reply('Pong!');
  },
};
` },
  { name: "returned promise outside try", code: `function getUser(id) {
  return fetch(\`https://api.example.com/users/\${id}\`);
}
` },
  { name: "Promise.all over map", code: `async function fetchAll(ids) {
  const users = await Promise.all(ids.map(async (id) => {
    const res = await fetch(\`/api/users/\${id}\`);
    return res.json();
  }));
  return users;
}
` },
  { name: "map stored then given to Promise.allSettled", code: `async function notify(members) {
  const jobs = members.map(async (m) => m.send('Maintenance tonight'));
  const results = await Promise.allSettled(jobs);
  return results.filter((r) => r.status === 'rejected').length;
}
` },
  { name: "void with catch", code: `client.on('ready', () => {
  void client.user.setActivity('with promises').catch(console.error);
  console.log(\`Logged in as \${client.user.tag}\`);
});
` },
  { name: "then/catch chain", code: `client.on('messageCreate', (message) => {
  if (message.content === '!hi') {
    message.reply('hello').then(() => console.log('sent')).catch(console.error);
  }
});
` },
  { name: "top-level await in an ES module", code: `import { REST, Routes } from 'discord.js';
const rest = new REST().setToken(process.env.TOKEN);
await rest.put(Routes.applicationCommands(CLIENT_ID), { body: commands });
` },
  { name: "top-level await in a TypeScript paste", code: `const rest: REST = new REST().setToken(process.env.TOKEN as string);
await rest.put(Routes.applicationCommands(CLIENT_ID), { body: commands });
` },
  { name: "async discord.js listener", code: `client.on(Events.InteractionCreate, async (interaction) => {
  if (!interaction.isChatInputCommand()) return;
  const command = interaction.client.commands.get(interaction.commandName);
  if (!command) return;
  try {
    await command.execute(interaction);
  } catch (error) {
    console.error(error);
    if (interaction.replied || interaction.deferred) {
      await interaction.followUp({ content: 'There was an error!', ephemeral: true });
    } else {
      await interaction.reply({ content: 'There was an error!', ephemeral: true });
    }
  }
});
` },
  { name: "dependent awaits in a loop (pagination)", code: `async function fetchAllMessages(channel) {
  const all = [];
  let before;
  for (let page = 0; page < 10; page++) {
    const batch = await channel.messages.fetch({ limit: 100, before });
    if (batch.size === 0) break;
    all.push(...batch.values());
    before = batch.last().id;
  }
  return all;
}
` },
  { name: "ordered sends with delay", code: `async function countdown(channel) {
  for (const n of [3, 2, 1]) {
    await channel.send(String(n));
    await sleep(1000);
  }
}
` },
  { name: "defer first then slow work", code: `async function execute(interaction) {
  await interaction.deferReply();
  const data = await fetchLeaderboard();
  await interaction.editReply(formatBoard(data));
}
` },
  { name: "reply then followUp", code: `async function execute(interaction) {
  await interaction.reply('First message');
  await interaction.followUp('Second message');
}
` },
  { name: "replies in exclusive branches", code: `async function execute(interaction) {
  if (!interaction.member.permissions.has('Administrator')) {
    return interaction.reply({ content: 'Not allowed', ephemeral: true });
  }
  const sub = interaction.options.getSubcommand();
  if (sub === 'add') {
    await interaction.reply('Added');
  } else {
    await interaction.reply('Removed');
  }
}
` },
  { name: "return await inside try", code: `async function getProfile(id) {
  try {
    return await fetch(\`/api/profiles/\${id}\`).then((r) => r.json());
  } catch (err) {
    return null;
  }
}
` },
  { name: "readFileSync at startup", code: `const fs = require('fs');
const config = JSON.parse(fs.readFileSync('./config.json', 'utf8'));
const commandFiles = fs.readdirSync('./commands').filter((f) => f.endsWith('.js'));
for (const file of commandFiles) {
  const command = require(\`./commands/\${file}\`);
  client.commands.set(command.data.name, command);
}
` },
  { name: "plain Promise executor around a callback API", code: `function wait(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
` },
  { name: "handler that tracks deferred/replied itself", code: `async function send(interaction, options) {
  if (interaction.deferred && !interaction.replied) {
    await interaction.deleteReply().catch(() => {});
    await interaction.followUp(options);
    return;
  }
  await interaction.reply(options);
}
` },
  { name: "express res.send is not a promise", code: `app.get('/', (req, res) => {
  res.send('Hello World!');
});
app.listen(3000, () => console.log('listening'));
` },
  { name: "awaited fetch with json", code: `app.get('/weather', async (req, res) => {
  const response = await fetch(\`https://api.example.com/weather?q=\${req.query.city}\`);
  const data = await response.json();
  res.json(data);
});
` },
  { name: "main() started at top level", code: `async function main() {
  await client.login(process.env.TOKEN);
}

main();
` },
  { name: "awaited async predicate", code: `async function isBanned(userId) {
  return (await db.get('SELECT 1 FROM bans WHERE id = ?', userId)) !== undefined;
}

client.on('messageCreate', async (message) => {
  if (await isBanned(message.author.id)) {
    await message.delete();
  }
});
` },
  { name: "notebook-free fragment with await", code: `  const res = await fetch(url);
  const body = await res.json();
  return body.items;
}
` },
  { name: "pasted with fences and a stack trace", code: `\`\`\`js
client.on("messageCreate", async (message) => {
  await message.reply("pong");
});
TypeError: Cannot read properties of undefined (reading 'reply')
    at Client.<anonymous> (/app/index.js:2:17)
\`\`\`
` },
  { name: "busy-wait helper used only by a startup script", code: `function sleep(ms) {
  const start = Date.now();
  while (Date.now() - start < ms) {}
}

console.log('waiting for the database container');
sleep(3000);
connect();
` },
  { name: "promise-based sleep helper awaited in a handler", code: `function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

client.on('messageCreate', async (message) => {
  await sleep(2000);
  await message.reply('Done waiting.');
});
` },
  { name: "callback pbkdf2 imported by name", code: `const { pbkdf2, randomBytes } = require('node:crypto');

app.post('/register', async (req, res) => {
  const salt = randomBytes(16);
  pbkdf2(req.body.password, salt, 310000, 32, 'sha256', (err, key) => {
    if (err) return res.status(500).end();
    res.json({ key: key.toString('hex') });
  });
});
` },
  { name: "pbkdf2Sync once at startup, outside any handler", code: `import { pbkdf2Sync } from 'node:crypto';

const ADMIN_KEY = pbkdf2Sync(process.env.ADMIN_PASSWORD, 'admin', 100000, 32, 'sha256');

export async function isAdmin(key) {
  return key === ADMIN_KEY.toString('hex');
}
` },
  { name: "existsSync imported by name is cheap and not flagged", code: `const { existsSync } = require('fs');

client.on('interactionCreate', async (interaction) => {
  if (!existsSync('./maintenance.flag')) return;
  await interaction.reply('Down for maintenance.');
});
` },
  { name: "plain function returns map(async) for the caller's Promise.all", code: `function saveJobs(items) {
  return items.map(async (item) => db.save(item));
}

app.post('/import', async (req, res) => {
  await Promise.all(saveJobs(req.body.items));
  res.sendStatus(204);
});
` },
  { name: "map(async) stored, returned through Promise.all", code: `async function loadProfiles(ids) {
  const pending = ids.map(async (id) => (await fetch(\`/api/profiles/\${id}\`)).json());
  return Promise.all(pending);
}
` },
  { name: "start() entry point behind require.main", code: `async function start() {
  await db.connect();
  await client.login(process.env.TOKEN);
}

if (require.main === module) start();
` },
  { name: "void on purpose at the top level", code: `const fs = require('fs');

async function warmCache() {
  cache = JSON.parse(await fs.promises.readFile('cache.json', 'utf8'));
}

void warmCache();
` },
  { name: "top-level own call with catch", code: `async function saveAll(data) {
  await db.bulkSave(data);
}

saveAll(cache).catch((err) => console.error('save failed', err));
` },
  { name: "return Map get in try is not a promise", code: `const cache = new Map();

async function cached(key) {
  try {
    return cache.get(key);
  } catch (err) {
    return undefined;
  }
}
` },
  { name: "return better-sqlite3 statement get in try (synchronous driver)", code: `const db = new Database('bot.db');

async function getBalance(userId) {
  try {
    return db.prepare('SELECT coins FROM economy WHERE user_id = ?').get(userId);
  } catch (err) {
    return { coins: 0 };
  }
}
` },
  { name: "return callback-style db.get in try", code: `async function legacyLookup(id, done) {
  try {
    return db.get('SELECT * FROM users WHERE id = ?', id, (err, row) => done(err, row));
  } catch (err) {
    done(err);
  }
}
` },
  { name: "search loop that stops fetching once it found someone", code: `async function firstModerator(guild, ids) {
  let found = null;
  for (const id of ids) {
    if (found) continue;
    const member = await guild.members.fetch(id);
    if (member.permissions.has('ModerateMembers')) found = member;
  }
  return found;
}
` },
  { name: "message history walked with a cursor", code: `async function history(channel, pages) {
  let before;
  for (const page of pages) {
    const batch = await channel.messages.fetch({ limit: 100, before });
    page.push(...batch.values());
    before = batch.lastKey();
  }
}
` },
  { name: "then on a plain function that returns its promise", code: `function fetchUser(id) {
  return new Promise((resolve) => setTimeout(() => resolve({ id }), 5));
}

fetchUser(3).then((user) => console.log(user));
` },
  { name: "then on Promise.all over map, and on Bluebird.map", code: `Promise.all(GUILD_IDS.map((id) => client.guilds.fetch(id))).then((guilds) => {
  console.log(\`In \${guilds.length} guilds\`);
});
Bluebird.map(files, (f) => fsp.readFile(f)).then(console.log);
` },
  { name: "then on a plain function whose result we cannot judge", code: `function cachedUser(id) {
  return userCache.get(id);
}

cachedUser(message.author.id).then((user) => message.reply(user.name));
` },
  { name: "then on fs-extra and timers/promises, which return promises", code: `import fs from 'fs-extra';
import { setTimeout } from 'node:timers/promises';

fs.readFile('./notes.txt', 'utf8').then((text) => console.log(text));
setTimeout(1000).then(() => console.log('a second later'));
` },
  { name: "then on a function returning a thenable object", code: `function lazy(value) {
  return { then(resolve) { resolve(value); } };
}

lazy(42).then((v) => console.log(v));
` },
  { name: "bcrypt's promise API awaited in a route", code: `const bcrypt = require('bcrypt');

app.post('/register', async (req, res) => {
  const hash = await bcrypt.hash(req.body.password, 12);
  await User.create({ name: req.body.name, hash });
  res.sendStatus(201);
});
` },
  { name: "callback-style test calls done from a timer", code: `it('fires the timer', (done) => {
  setTimeout(() => {
    assert.ok(fired);
    done();
  }, 10);
});
` },
  { name: "done-style test that does not return its chain", code: `it('fetches the user', (done) => {
  fetchUser(1)
    .then((user) => {
      assert.equal(user.id, 1);
      done();
    })
    .catch(done);
});
` },
  { name: "Vitest test context parameter", code: `test('adds', async (ctx) => {
  ctx.expect(await add(1, 2)).toBe(3);
});
` },
  { name: "node:test subtests through the context", code: `import test from 'node:test';

test('top', async (t) => {
  await t.test('inner', () => {});
});
` },
  { name: "Playwright test with fixtures", code: `test('has title', async ({ page }) => {
  await page.goto('http://127.0.0.1:3000/');
  await expect(page).toHaveTitle(/Home/);
});
` },
  { name: "deferReply, then editReply", code: `client.on(Events.InteractionCreate, async (interaction) => {
  await interaction.deferReply();
  const stats = await loadStats(interaction.guildId);
  await interaction.editReply(\`Members: \${stats.members}\`);
});
` },
  { name: "error handler checks replied/deferred before following up", code: `client.on(Events.InteractionCreate, async (interaction) => {
  try {
    await command.execute(interaction);
  } catch (error) {
    if (interaction.replied || interaction.deferred) await interaction.followUp({ content: 'Error!', ephemeral: true });
    else await interaction.reply({ content: 'Error!', ephemeral: true });
  }
});
` },
  { name: "editReply in a timer after the reply", code: `client.on(Events.InteractionCreate, async (interaction) => {
  await interaction.reply('Counting down…');
  setTimeout(() => interaction.editReply('Done!'), 5000);
});
` },
  { name: "the interaction handed to a command before the follow-up", code: `client.on(Events.InteractionCreate, async (interaction) => {
  await commands.get(interaction.commandName).execute(interaction);
  await interaction.followUp({ content: 'Logged.', ephemeral: true });
});
` },
  { name: "Mongoose promise API", code: `const mongoose = require('mongoose');

async function main() {
  await mongoose.connect(process.env.MONGO_URI);
  const users = await User.find({ active: true }).sort({ name: 1 }).exec();
  await new User({ name: 'ada' }).save();
  return users;
}
` },
  { name: "a non-Mongoose callback API on a capitalised object", code: `Fs.readFile('a.txt', 'utf8', (err, text) => {
  if (err) throw err;
  console.log(text);
});
` },
  { name: "array find with a callback is not a query", code: `const mongoose = require('mongoose');
const admin = users.find((e) => e.role === 'admin');
` },
  { name: "setTimeout from timers/promises", code: `import { setTimeout } from 'node:timers/promises';

await setTimeout(1000);
console.log('one second later');
` },
  { name: "sleep built on setTimeout", code: `async function pause() {
  await new Promise((resolve) => setTimeout(resolve, 500));
}
` },
  { name: "fs/promises readFile", code: `const fs = require('fs/promises');

async function load() {
  return JSON.parse(await fs.readFile('config.json', 'utf8'));
}
` },
  { name: "fs.promises readFile", code: `const fs = require('fs');

async function load() {
  return JSON.parse(await fs.promises.readFile('config.json', 'utf8'));
}
` },
  { name: "await on a transaction that takes an async callback", code: `async function transfer(prisma) {
  await prisma.$transaction(async (tx) => {
    await tx.account.update({ where: { id: 1 }, data: { balance: { decrement: 10 } } });
  });
}
` },
  { name: "a promise settled through an event listener", code: `function ready(emitter) {
  return new Promise((resolve, reject) => {
    emitter.once('ready', resolve);
    emitter.once('error', reject);
  });
}
` },
  { name: "a promise that waits forever on purpose", code: `await new Promise(() => {});
` },
  { name: "the inner-async-function useEffect pattern", code: `function Profile({ id }) {
  const [user, setUser] = useState(null);
  useEffect(() => {
    let ignore = false;
    async function load() {
      const res = await fetch(\`/api/users/\${id}\`);
      const data = await res.json();
      if (!ignore) setUser(data);
    }
    load();
    return () => {
      ignore = true;
    };
  }, [id]);
  return <p>{user?.name}</p>;
}
` },
  { name: "useEffect calling an async function declared outside it", code: `const doSomething = async () => {
  await api.ping();
};

function App() {
  useEffect(() => {
    doSomething();
  }, []);
  return null;
}
` },
  { name: "test returns its then chain", code: `test('loads the user', () => {
  return fetchUser(1).then((user) => {
    expect(user.name).toBe('ada');
  });
});
` },
  { name: "awaited resolves assertion", code: `test('resolves the name', async () => {
  await expect(fetchUserName(1)).resolves.toBe('ada');
});
` },
  { name: "done-style test with a then chain", code: `it('loads', (done) => {
  fetchUser(1).then((user) => {
    expect(user.id).toBe(1);
    done();
  });
});
` },
  { name: "async route that catches and forwards to next", code: `app.get('/users/:id', async (req, res, next) => {
  try {
    res.json(await db.findUser(req.params.id));
  } catch (err) {
    next(err);
  }
});
` },
  { name: "async route wrapped by express-async-handler", code: `const asyncHandler = require('express-async-handler');

app.get('/users/:id', asyncHandler(async (req, res) => {
  throw new Error('not found');
}));
` },
  { name: "Koa and Fastify async handlers", code: `router.get('/users', async (ctx, next) => {
  ctx.body = await User.findAll();
});
fastify.get('/health', async (request, reply) => {
  throw new Error('down');
});
` },
  { name: "a fragment's top-level entry point call is not a floating promise", code: `async function main() {
  await client.login(token);
}
const config = await readConfig();
main();
` },
  { name: "a try that the paste closes without a catch is not taken for a cut-off one", code: `async function save(user) {
  try {
    return db.query('INSERT INTO users VALUES ($1)', [user.id]);
  }
  console.log('saved');
}
` },
  { name: "lines that start with + or - in code that parses are not a diff", code: `async function total(a, b) {
  const sum = a
+ b;
  return sum
- 1;
}
` },
  { name: "the old side of a diff is not analysed", code: `@@ -1,5 +1,5 @@
 async function load(id) {
   try {
-    return db.query('SELECT 1', [id]);
+    return await db.query('SELECT 1', [id]);
   } catch (err) {
     return null;
   }
 }
` },
  { name: "an empty executor nobody awaits (a stub handed to a test)", code: `function pending() {
  return new Promise((resolve) => {});
}
` },
  { name: "an IIFE that awaits its own variable meets it before it is assigned (not a promise that never settles)", code: `let job = (async () => {
  await job;
})();
` },
  { name: "a then callback's own variable of the same name is another promise", code: `const ready = connect().then(async () => {
  const ready = warmUp();
  await ready;
});
` },
  { name: "a then callback awaiting an earlier promise", code: `const db = connect();
const ready = db.then(async () => {
  await db;
});
` },
  { name: "then after a promise chain's own catch with an error callback", code: `load(id).catch((err, attempt) => fallback(err, attempt)).then((user) => {
  console.log(user);
});
` },
  { name: "then on a reduce that chains promises through its callback", code: `items.reduce((e, item) => e.then(() => run(item))).then(() => {
  console.log('all done');
});
` },
  { name: "then on a call whose callback does not take an error first", code: `knex.transaction((trx, options) => insertAll(trx, options)).then(() => {
  console.log('committed');
});
` },
  { name: "save with a callback that takes no error, or with attributes and options (Backbone)", code: `editor.save(function (content) {
  preview.render(content);
});
model.save({ title: 'x' }, { success: () => view.close() });
` },
  { name: "save awaited or given no callback", code: `async function store(book) {
  await book.save();
  book.save().catch(console.error);
}
` },
  { name: "an async IIFE that runs a script's top level", code: `(async () => {
  setup(config);
})();
` },
  { name: "a local async wrapper that throws: its rejection is someone's to handle, not a blocking call", code: `client.on('messageCreate', async (message) => {
  const check = async () => {
    if (!allowed(message.author)) throw new Error('not allowed');
  };
  check().catch(console.error);
});
` },
  { name: "a shared async function that does not await yet is not a wrapper made to run work aside", code: `async function record(event) {
  stats.add(event);
}
client.on('messageCreate', (message) => {
  record(message);
});
` },
  { name: "a local async wrapper that only logs", code: `client.on('ready', async () => {
  const hello = async () => {
    console.log('ready');
  };
  hello();
});
` },
  { name: "a Next.js API route (req, res) that throws: Next.js answers with a 500", code: `export default async function handler(req, res) {
  if (req.method !== 'POST') throw new Error('method not allowed');
  res.status(200).json({ ok: true });
}
` },
  { name: "a named handler wrapped by a helper before it reaches the router", code: `async function getUser(req, res, next) {
  throw new Error('not found');
}
router.get('/users/:id', catchAsync(getUser));
` },
  { name: "a named handler that forwards its errors to next", code: `async function getUser(req, res, next) {
  try {
    res.json(await db.findUser(req.params.id));
  } catch (err) {
    next(err);
  }
}
` },
  { name: "stored promises that are read later, unused on purpose, or exported", code: `export const ready = fetch(CONFIG_URL);
async function handle(interaction) {
  const pending = interaction.deferReply();
  const _ignored = interaction.guild.members.fetch();
  await pending;
}
` },
  { name: "knex's documented transaction: the callback commits and rolls back itself", code: `knex.transaction(function (trx) {
  knex('books').transacting(trx).insert(books).then(trx.commit).catch(trx.rollback);
});
` },
  { name: "knex transaction callback that returns the work", code: `knex.transaction(function (trx) {
  return Promise.all(rows.map((row) => trx('users').insert(row)));
});
` },
  { name: "better-sqlite3's transaction takes a synchronous function", code: `const insertMany = db.transaction((cats) => {
  for (const cat of cats) insert.run(cat);
});
` },
  { name: "an async Sequelize transaction callback that awaits", code: `sequelize.transaction(async (t) => {
  await saveOrder(order, t);
});
` },
  { name: "a promise handed to Promise.race and Promise.resolve, which take promises", code: `async function load(url) {
  const job = fetch(url);
  const res = await Promise.race([job, timeout(5000)]);
  return Promise.resolve(job);
}
` },
  { name: "a library promise handed to the paste's own function, which may await it", code: `async function save(user) {
  const hash = bcrypt.hash(user.password, 10);
  await keepForLater(hash);
}
` },
  { name: "a function that returns its fetch chain, its caller chains on the result", code: `function getData(url) {
  return fetch(url).then((res) => res.json());
}

getData('/api/items').then((items) => console.log(items.length));
` },
  { name: "a function that starts a chain and returns nothing, called for its effect only", code: `function refresh(url) {
  fetch(url)
    .then((res) => res.json())
    .then((data) => render(data))
    .catch(console.error);
}

refresh('/api/items');
` },
  { name: "a .map arrow without braces returns each promise to Promise.all", code: `async function loadAll(items) {
  const promises = items.map((item) => limit(() => getData(item)));
  return Promise.all(promises);
}
` },
  { name: "a .map callback with braces that returns each promise", code: `async function loadAll(items) {
  const promises = items.map((item) => {
    return limit(() => getData(item));
  });
  return Promise.all(promises);
}
` },
  { name: "a .map callback that returns nothing, its array neither named nor used as promises", code: `const labels = items.map((item) => {
  console.log(item.name);
});
` },
  { name: "a timer callback in a route that passes its error to next", code: `app.get('/ok', function (req, res, next) {
  setTimeout(function () {
    next(new Error('problem error'));
  }, 3000);
});
` },
  { name: "a throw a timer callback catches itself", code: `app.get('/ok', (req, res) => {
  setTimeout(() => {
    try {
      throw new Error('caught here');
    } catch (err) {
      res.status(500).send(err.message);
    }
  }, 10);
});
` },
  { name: "a throw in a timer outside any route", code: `setTimeout(() => {
  throw new Error('boom');
}, 10);
` },
  { name: "a Node-style callback's 'if (err) throw err' in a route is left alone (beginners' database code is full of it)", code: `app.get('/file', (req, res) => {
  fs.readFile('a.txt', (err, data) => {
    if (err) throw err;
    res.send(data);
  });
});
` },
  { name: "forEach with an async callback that never waits (no await, no promise made): each call runs to its end before the loop goes on", code: `function tally(orders) {
  let total = 0;
  orders.forEach(async (order) => {
    if (!order.paid) return;
    total += order.amount;
  });
  return total;
}
` },
  { name: "a promise executor the excerpt ends inside: it may call resolve below the cut", code: `function waitForReady(worker) {
  return new Promise((resolve) => {
    let seen = 0;
` },
  { name: "a script that ends by starting its own async functions one per line: each is an entry point, as main() is, its failure printed", code: `async function* numbers() { yield 1; yield 2; }
async function sum() { let t = 0; for await (const n of numbers()) t += n; console.log(t); }
async function count() { let c = 0; for await (const _ of numbers()) c++; console.log(c); }

sum();
count();
` },
  { name: "a diff (no hunk header) that turns a second reply into deferReply and editReply: the removed lines are not code that runs beside the added ones", code: ` client.on('interactionCreate', async (interaction) => {
   if (!interaction.isChatInputCommand()) return;
-  await interaction.reply('Working on it');
+  await interaction.deferReply();
   const report = await buildReport(interaction.guildId);
-  await interaction.reply(report);
+  await interaction.editReply(report);
 });
` },
];

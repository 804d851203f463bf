/**
 * Telethon, aiogram, Motor and pyppeteer methods are coroutines, but pastes often leave out the import that
 * says which library `client.send_message(…)` belongs to. The paste's words may say it instead; a paste that
 * imports a library with same-named synchronous methods (Pyrogram, pymongo) is about that one.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';

const engine = await createEngine();
const rulesOf = (text: string) => engine.diagnose(text).matches.map((m) => m.rule.id);

const telegram = ['```python', "@app.route('/send')", 'def send():', "    client.send_message('+15550100', 'Hello')", "    return 'ok'", '```'].join('\n');
const mongo = ['```python', 'async def get_user(db, uid):', '    doc = db.users.find_one({"_id": uid})', '    return doc["name"]', '```'].join('\n');

describe('a library named in the words of the paste', () => {
  it('Telethon named: its send_message left without await in a Flask view never runs', () => {
    expect(rulesOf(`Using Telethon from Flask:\n\n${telegram}`)[0]).toBe('py/coroutine-never-awaited');
  });

  it("Telethon's sync wrapper named, a rival library imported, or nothing named: silent", () => {
    expect(rulesOf(`With telethon.sync:\n\n${telegram}`)).toEqual([]);
    expect(rulesOf(`I moved from Telethon to Pyrogram:\n\n${telegram.replace("@app.route('/send')", 'from pyrogram import Client\n\n@app.route(\'/send\')')}`)).toEqual([]);
    expect(rulesOf(`My Flask view:\n\n${telegram}`)).toEqual([]);
  });

  it('motor said of MongoDB: find_one without await is the coroutine, read as the document', () => {
    expect(rulesOf(`I use motor with mongodb:\n\n${mongo}`)[0]).toBe('py/coroutine-used-as-value');
    expect(rulesOf(`It is an AsyncIOMotorDatabase:\n\n${mongo}`)[0]).toBe('py/coroutine-used-as-value');
  });

  it('a motor that is not the driver, or pymongo imported: silent', () => {
    expect(rulesOf(`The motor controller logs users here:\n\n${mongo}`)).toEqual([]);
    expect(rulesOf(`Motor with mongodb, but this part uses pymongo:\n\n${mongo.replace('```python', '```python\nimport pymongo\n')}`)).toEqual([]);
  });
});

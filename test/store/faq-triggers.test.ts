/** The store's side of issue 12: entries with triggers, all-or-nothing import, answered cases, repeats counted. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { storeBackends, useStoreBackends } from './backends.js';
import { sampleCase, tempDir } from './helpers.js';

let cleanup: () => void;
let store: Store;
const guildId = '100000000000000001';

const backends = useStoreBackends();

describe.each(storeBackends)('on %s', (backend) => {
  beforeEach(async () => {
    let dir: string;
    ({ dir, cleanup } = tempDir());
    store = openStore(await backends.location(backend, dir));
  });

  afterEach(async () => {
    await store.close();
    cleanup();
  });

  describe('FAQ entries with triggers', () => {
    it('keeps an entry\'s triggers and language; an entry made the old way has none', async () => {
      expect(await store.addFaq({ guildId, name: 'plain', title: 'Plain', body: 'b', authorId: 'm' })).toMatchObject({ ok: true, entry: { triggers: [], language: null } });
      await store.addFaq({ guildId, name: 'config-missing', title: 'Config', body: 'b', triggers: ['mybot.errors.ConfigMissing'], language: 'python', authorId: 'm' });
      expect(await store.getFaq(guildId, 'config-missing')).toMatchObject({ triggers: ['mybot.errors.ConfigMissing'], language: 'python' });
    });

    it('edits only what is given: triggers replaced, language kept, then removed with null', async () => {
      await store.addFaq({ guildId, name: 'e', title: 'T', body: 'b', triggers: ['FirstSpecificError'], language: 'python', authorId: 'm' });
      expect(await store.editFaq({ guildId, name: 'e', triggers: ['SecondSpecificError'], authorId: 'm2' })).toMatchObject({ ok: true, entry: { title: 'T', triggers: ['SecondSpecificError'], language: 'python' } });
      expect(await store.editFaq({ guildId, name: 'e', language: null, authorId: 'm2' })).toMatchObject({ ok: true, entry: { triggers: ['SecondSpecificError'], language: null } });
    });

    it('revision changes when an entry is added, edited or removed, and not otherwise', async () => {
      const r0 = await store.faqRevision(guildId);
      await store.addFaq({ guildId, name: 'e', title: 'T', body: 'b', authorId: 'm' });
      const r1 = await store.faqRevision(guildId);
      expect(r1).not.toBe(r0);
      expect(await store.faqRevision(guildId)).toBe(r1);
      await store.addFaq({ guildId: 'other', name: 'e', title: 'T', body: 'b', authorId: 'm' });
      expect(await store.faqRevision(guildId)).toBe(r1);
      await new Promise<void>((resolve) => {
        const started = Date.now();
        const tick = () => (Date.now() > started ? resolve() : setImmediate(tick));
        tick();
      });
      await store.editFaq({ guildId, name: 'e', body: 'c', authorId: 'm' });
      const r2 = await store.faqRevision(guildId);
      expect(r2).not.toBe(r1);
      await store.removeFaq(guildId, 'e');
      expect(await store.faqRevision(guildId)).not.toBe(r2);
    });

    it('imports every entry in one transaction, replacing same-named ones and keeping their use count', async () => {
      await store.addFaq({ guildId, name: 'old', title: 'Old', body: 'b', authorId: 'm' });
      await store.recordFaqUse(guildId, 'old');
      const result = await store.importFaq(guildId, [
        { name: 'old', title: 'Old, rewritten', body: 'new', triggers: ['OldSpecificError'], language: null, authorId: 'cli' },
        { name: 'fresh', title: 'Fresh', body: 'b', triggers: [], language: 'javascript', authorId: 'cli' },
      ]);
      expect(result).toEqual({ added: 1, replaced: 1, removed: 0 });
      expect(await store.getFaq(guildId, 'old')).toMatchObject({ title: 'Old, rewritten', triggers: ['OldSpecificError'], uses: 1 });
      expect((await store.listFaq(guildId)).map((e) => e.name)).toEqual(['fresh', 'old']);
    });

    it('with prune, removes the server\'s entries no file has, in the same transaction, and no other server\'s', async () => {
      const otherGuild = '100000000000000002';
      for (const name of ['kept', 'gone-one', 'gone-two']) await store.addFaq({ guildId, name, title: name, body: 'b', authorId: 'm' });
      await store.addFaq({ guildId: otherGuild, name: 'gone-one', title: 'Other server', body: 'b', authorId: 'm' });
      const result = await store.importFaq(guildId, [{ name: 'kept', title: 'Kept', body: 'b', triggers: [], language: null, authorId: 'cli' }], { prune: true });
      expect(result).toEqual({ added: 0, replaced: 1, removed: 2 });
      expect((await store.listFaq(guildId)).map((e) => e.name)).toEqual(['kept']);
      expect((await store.listFaq(otherGuild)).map((e) => e.name)).toEqual(['gone-one']);
      // An import of no files with prune empties the server's FAQ; without prune it changes nothing.
      expect(await store.importFaq(otherGuild, [])).toEqual({ added: 0, replaced: 0, removed: 0 });
      expect(await store.listFaq(otherGuild)).toHaveLength(1);
      expect(await store.importFaq(otherGuild, [], { prune: true })).toEqual({ added: 0, replaced: 0, removed: 1 });
      expect(await store.listFaq(otherGuild)).toEqual([]);
    });
  });

  describe('cases answered by the server\'s FAQ', () => {
    it('a case marked answered leaves the review list, unmatched or flagged wrong', async () => {
      const unmatched = (await store.logCase(sampleCase({ matches: [], paste: 'mybot.errors.ConfigMissing' })))!;
      const flagged = (await store.logCase(sampleCase()))!;
      await store.recordFeedback(flagged, 'u1', 'wrong');
      expect((await store.review({ limit: 10 })).map((i) => i.id).sort()).toEqual([unmatched, flagged].sort());
      expect(await store.markCaseAnswered(unmatched, 'config-missing')).toBe(true);
      expect(await store.markCaseAnswered(flagged, 'other-entry')).toBe(true);
      expect(await store.review({ limit: 10 })).toEqual([]);
      expect((await store.getCase(unmatched))!.answeredBy).toBe('config-missing');
      expect(await store.markCaseAnswered(999_999, 'x')).toBe(false);
    });

    it('/stats counts the cases a server entry answered, per server and period', async () => {
      await store.logCase(sampleCase({ matches: [{ rule: 'faq:config-missing', confidence: 1 }] }));
      await store.logCase(sampleCase({ matches: [{ rule: 'faq:config-missing', confidence: 1 }] }));
      await store.logCase(sampleCase({ matches: [{ rule: 'faq:other', confidence: 1 }], guildId: 'elsewhere' }));
      await store.logCase(sampleCase());
      // A built-in answer naming an entry as "see also" is not a repeat answered by the entry.
      await store.logCase(sampleCase({ matches: [{ rule: 'py/coroutine-never-awaited', confidence: 0.9 }, { rule: 'faq:config-missing', confidence: 1 }] }));
      expect((await store.stats({ days: 7, guildId })).answeredByFaq).toBe(2);
      expect((await store.stats({ days: 7 })).answeredByFaq).toBe(3);
      expect((await store.stats({ days: 7, now: new Date(Date.now() + 30 * 86_400_000), guildId })).answeredByFaq).toBe(0);
    });
  });
});

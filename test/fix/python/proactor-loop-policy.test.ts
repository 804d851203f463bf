/**
 * py.proactor-loop-policy rewrites the import of the selector policy with its call, so it reads the
 * code for that import: with a pattern that must stay linear on a hostile paste.
 */
import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { IMPORTS_SELECTOR_POLICY } from '../../../src/fix/python/proactor-loop-policy.js';

describe('the import of the selector policy', () => {
  it('is found with any blanks after import, among other names, and not in another module', () => {
    expect(IMPORTS_SELECTOR_POLICY.test('from asyncio import WindowsSelectorEventLoopPolicy')).toBe(true);
    expect(IMPORTS_SELECTOR_POLICY.test('x = 1\nfrom asyncio.windows_events import  \t run, WindowsSelectorEventLoopPolicy')).toBe(true);
    expect(IMPORTS_SELECTOR_POLICY.test('from asyncio import (\n    WindowsSelectorEventLoopPolicy,\n)')).toBe(false);
    expect(IMPORTS_SELECTOR_POLICY.test('from trio import WindowsSelectorEventLoopPolicy')).toBe(false);
    expect(IMPORTS_SELECTOR_POLICY.test('from asyncio import WindowsSelectorEventLoopPolicyX')).toBe(false);
  });

  it('is looked for in linear time (recheck), where a line of blanks after import was quadratic', () => {
    expect(checkSync(IMPORTS_SELECTOR_POLICY.source, IMPORTS_SELECTOR_POLICY.flags, { timeout: 60_000 }).status).toBe('safe');
  });
});

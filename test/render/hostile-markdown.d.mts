/** Types for hostile-markdown.mjs, for the TypeScript test suites. */
import type { Arbitrary } from 'fast-check';
import type fcModule from 'fast-check';

type FastCheck = typeof fcModule;

export const canary: string;
export const hostilePieces: string[];
export function hostilePiece(fc: FastCheck): Arbitrary<string>;
export function hostileText(fc: FastCheck, maxPieces?: number): Arbitrary<string>;
export function loadFixturePastes(root: string): string[];
export function hostilePaste(fc: FastCheck, corpus: string[]): Arbitrary<string>;

export interface CodeBlockSeen {
  label: string;
  content: string;
}
export function readDiscordMarkdown(md: string): { blocks: CodeBlockSeen[]; spans: string[]; live: string; problems: string[] };
export function replyMarkdownProblems(reply: { content?: string; embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[] }[] }): string[];
export function replyCodeBlocks(reply: { content?: string; embeds?: { description?: string; fields?: { value: string }[] }[] }): CodeBlockSeen[];
export function shownInOneBlock(blocks: CodeBlockSeen[], code: string): boolean;
export const terminalControl: RegExp;

export interface ReplyLike {
  content?: string;
  embeds: { title?: string; description?: string; fields?: { name: string; value: string }[] }[];
  components: unknown[];
  files: { name: string; data: Buffer }[];
  allowedMentions: { parse: string[]; users?: string[] };
}
export function discordReplyProblems(reply: ReplyLike): string[];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function apiReplyProblems(body: any): string[];
export interface Renderers<D> {
  engine: { diagnose(text: string): D };
  renderDiagnosis(d: D, options: { caseKey: string; askerId: string; public: boolean; locale?: string | null }): ReplyLike;
  renderNoMatch(d: D, locale?: string | null): ReplyLike;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  renderFixDetails(rule: any, match: any, locale?: string | null): ReplyLike;
  renderText(d: D, options: { locale?: string | null }): string;
}
export function checkPaste<D>(r: Renderers<D>, paste: string, locale: string): { problems: string[]; paths: { matched: boolean; where: boolean; file: boolean; inlineFix: boolean; attachedFix: boolean } };

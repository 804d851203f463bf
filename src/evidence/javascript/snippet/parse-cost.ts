/**
 * How much work the TypeScript parser would do on a text, estimated in one
 * linear pass with TypeScript's own scanner, so hostile code is turned away
 * before `createSourceFile` is called.
 *
 * Why this exists: at an `async` in expression position that is not an arrow
 * with parameters (`async x`, `async (x)` not followed by `=>`,
 * `async function(){}`, `async (a=…`), the parser looks ahead by parsing the
 * whole expression that follows, to see whether `=>` comes after it
 * (`isUnParenthesizedAsyncArrowFunctionWorker`), throws that parse away, and
 * parses the expression again for real. Unlike the parenthesised-arrow
 * lookahead, this one is not memoised, so every `async` nested inside that
 * expression doubles the work: 22 lines of `(async (x)` (251 characters) took
 * 13 s. A token nested inside k such `async`s is parsed 2^k times; the
 * estimate adds that up.
 */
import type * as TS from 'typescript';
import type { Ts } from './parse.js';

export interface ParseCost {
  tokens: number;
  /** Deepest bracket nesting (`(`, `[`, `{`, `${`): the parser recurses once per level. */
  maxDepth: number;
  /** Extra token parses the async lookahead adds: Σ over tokens of (2^k − 1). */
  speculative: number;
}

/** 2^k is capped here: past it the answer is "too much" whatever the exact figure. */
const MAX_LEVELS = 40;

/** Tokens after which `/` divides rather than starts a regular expression (the parser's own rule). */
function endsExpression(ts: Ts, kind: TS.SyntaxKind): boolean {
  const K = ts.SyntaxKind;
  return (
    kind === K.Identifier ||
    kind === K.PrivateIdentifier ||
    kind === K.NumericLiteral ||
    kind === K.BigIntLiteral ||
    kind === K.StringLiteral ||
    kind === K.RegularExpressionLiteral ||
    kind === K.NoSubstitutionTemplateLiteral ||
    kind === K.TemplateTail ||
    kind === K.CloseParenToken ||
    kind === K.CloseBracketToken ||
    kind === K.CloseBraceToken ||
    kind === K.PlusPlusToken ||
    kind === K.MinusMinusToken ||
    kind === K.ThisKeyword ||
    kind === K.SuperKeyword ||
    kind === K.TrueKeyword ||
    kind === K.FalseKeyword ||
    kind === K.NullKeyword ||
    kind === K.ExclamationToken // `x!` (non-null assertion) more often than `!/re/`
  );
}

/** Tokens after which an `async function` is a declaration rather than an expression. */
function startsStatement(ts: Ts, kind: TS.SyntaxKind): boolean {
  const K = ts.SyntaxKind;
  return kind === K.Unknown || kind === K.OpenBraceToken || kind === K.CloseBraceToken || kind === K.SemicolonToken || kind === K.ExportKeyword || kind === K.DefaultKeyword;
}

let scanner: TS.Scanner | null = null;

export function estimateParseCost(ts: Ts, text: string): ParseCost {
  const K = ts.SyntaxKind;
  scanner ??= ts.createScanner(ts.ScriptTarget.Latest, /*skipTrivia*/ true, ts.LanguageVariant.Standard);
  scanner.setText(text);
  // Per open bracket: was it opened after a costly `async` at its own level (it lies inside that async's lookahead)?
  const marked: boolean[] = [];
  // Per open bracket: is it a template's `${` (its `}` resumes the template)?
  const template: boolean[] = [];
  // Per level (index = depth): a costly `async` seen since the last `,` `;` or `=>` at this level.
  const asyncAt: boolean[] = [false];
  let open = 0; // marked brackets currently open
  let tokens = 0;
  let maxDepth = 0;
  let speculative = 0;
  let previous: TS.SyntaxKind = K.Unknown;
  for (let kind = scanner.scan(); kind !== K.EndOfFileToken; kind = scanner.scan()) {
    if ((kind === K.SlashToken || kind === K.SlashEqualsToken) && !endsExpression(ts, previous)) kind = scanner.reScanSlashToken();
    if (kind === K.CloseBraceToken && template[template.length - 1]) {
      kind = scanner.reScanTemplateToken(false);
      if (kind === K.TemplateMiddle) {
        // `}…${`: the substitution closes and the next one opens at the same depth.
        previous = kind;
        tokens++;
        continue;
      }
    }
    tokens++;
    if (open > 0) speculative += 2 ** Math.min(open, MAX_LEVELS) - 1;
    const depth = marked.length;
    switch (kind) {
      case K.OpenParenToken:
      case K.OpenBracketToken:
      case K.OpenBraceToken:
      case K.TemplateHead: {
        const isMarked = asyncAt[depth] === true;
        marked.push(isMarked);
        template.push(kind === K.TemplateHead);
        if (isMarked) open++;
        asyncAt[depth + 1] = false;
        if (marked.length > maxDepth) maxDepth = marked.length;
        break;
      }
      case K.CloseParenToken:
      case K.CloseBracketToken:
      case K.CloseBraceToken:
      case K.TemplateTail:
        if (marked.length > 0) {
          if (marked.pop()) open--;
          template.pop();
        }
        break;
      case K.AsyncKeyword:
        // `async function f()` starting a statement is a declaration: parsed once, no lookahead.
        if (!(startsStatement(ts, previous) && scanner.lookAhead(() => scanner!.scan() === K.FunctionKeyword && !scanner!.hasPrecedingLineBreak()))) {
          asyncAt[depth] = true;
        }
        break;
      case K.CommaToken:
      case K.SemicolonToken:
      case K.EqualsGreaterThanToken:
        asyncAt[depth] = false;
        break;
    }
    previous = kind;
  }
  scanner.setText(undefined);
  return { tokens, maxDepth, speculative };
}

/** A normalised paste: what intake hands to the rest of the pipeline. */

export type SecretKind = 'discord-token' | 'discord-webhook' | 'api-key' | 'private-key' | 'password' | 'access-token' | 'secret';

export interface Redaction {
  kind: SecretKind;
  /** What replaced the secret in the text, e.g. `[REDACTED discord token]`. */
  placeholder: string;
}

export interface Block {
  kind: 'code' | 'prose';
  /** Fence language as written (`py`, `python`, `js`, `ts`, `pytb`…), lower-cased; null when none. */
  fenceLanguage: string | null;
  /** Language guessed from the fence tag or the content. */
  language: 'python' | 'javascript' | 'traceback' | 'text' | null;
  text: string;
  /** 0-based index in `Paste.lines` of the block's first line. */
  startLine: number;
}

export interface Paste {
  /** The whole normalised, redacted text. */
  text: string;
  /** `text` split on newlines. */
  lines: string[];
  blocks: Block[];
  redactions: Redaction[];
  /** True when the input was cut to the size limit. */
  truncated: boolean;
  /** True when the input looked binary (NUL bytes, mostly non-text). */
  binary: boolean;
}

/**
 * Code pasted as HTML (a page's source, an old issue written in HTML, a rendered answer copied with
 * its tags): `<pre><code>…</code></pre>` is a fenced block, and the entities inside it are the
 * characters the code holds (`&lt;`, `&gt;`, `&amp;`, `&quot;`, `&#39;`).
 */

const OPEN = /<pre[^<>\n]{0,80}>\s*<code[^<>\n]{0,80}>/g;
const CLOSE = /<\/code>\s*<\/pre>/g;

const ENTITIES: Readonly<Record<string, string>> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&nbsp;': ' ' };

function decode(code: string): string {
  return code.replace(/&(?:lt|gt|amp|quot|nbsp|#39|#x27);/g, (e) => ENTITIES[e] ?? e);
}

/** The text with each `<pre><code>` … `</code></pre>` pair turned into a ``` fence on lines of its own; unchanged when the tags do not pair up. */
export function htmlCodeToFences(text: string): string {
  if (!text.includes('<pre') || !text.includes('</pre>')) return text;
  const opens = [...text.matchAll(OPEN)];
  const closes = [...text.matchAll(CLOSE)];
  if (opens.length === 0 || opens.length !== closes.length) return text;
  let out = '';
  let at = 0;
  for (let i = 0; i < opens.length; i++) {
    const open = opens[i]!;
    const close = closes[i]!;
    const next = opens[i + 1];
    // Each open must come before its close, and the close before the next open.
    if (close.index! < open.index! + open[0].length || (next !== undefined && next.index! < close.index! + close[0].length)) return text;
    const before = text.slice(at, open.index!);
    const code = decode(text.slice(open.index! + open[0].length, close.index!)).replace(/^\n/, '').replace(/\n$/, '');
    out += `${before}${before === '' || before.endsWith('\n') ? '' : '\n'}\`\`\`\n${code}\n\`\`\``;
    at = close.index! + close[0].length;
    if (at < text.length && text[at] !== '\n') out += '\n';
  }
  return out + text.slice(at);
}

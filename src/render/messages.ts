/**
 * The words the bot writes itself in a reply (buttons, headings, notices), per
 * locale, the gettext way: one English catalog, and per locale only the strings
 * translated so far; anything missing falls back to English. A rule's own words
 * (title, summary, body sections, variants, example comments) come from its
 * file's `i18n:` block through `ruleText`.
 */
import { correctExample, ruleLocales, type Rule, type RuleLocale } from '../knowledge/schema.js';

/** `en` plus every locale rule files may be translated into. */
export type Locale = 'en' | RuleLocale;
export const supportedLocales: readonly Locale[] = ['en', ...ruleLocales];

/**
 * A language tag (Discord's `interaction.locale` / `guild.preferredLocale`, or a
 * `--lang` value) → the locale we answer in, or null when we have none for it.
 * Simplified Chinese only: `zh-TW` and `zh-HK` are Traditional, which we do not
 * have, so they get null (and English).
 */
export function localeFromTag(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const t = tag.trim().replace(/_/g, '-').toLowerCase();
  if (t === 'en' || t.startsWith('en-')) return 'en';
  if (t === 'zh' || t === 'zh-cn' || t === 'zh-sg' || t === 'zh-hans' || t.startsWith('zh-hans-')) return 'zh-CN';
  return null;
}

/** Like `localeFromTag`, with English for anything we have no translation for. */
export function resolveLocale(tag: string | null | undefined): Locale {
  return localeFromTag(tag) ?? 'en';
}

const en = {
  // Discord reply
  showFix: 'Show fix',
  helpful: 'Helpful',
  wrong: 'Wrong',
  delete: 'Delete',
  fullExplanation: 'Full explanation',
  yourLine: 'Your line',
  yourCode: 'your code',
  lineN: (n: number) => `line ${n}`,
  fixed: 'Fixed',
  fixedAttached: (name: string) => `**Fixed** — your code is attached as \`${name}\`.`,
  yourCodeFixed: 'Your code, fixed',
  correctExample: 'Correct example',
  doThisInstead: 'Do this instead',
  alsoPossible: 'Also possible',
  sure: (percent: number) => `${percent}% sure`,
  howToFixTitle: (title: string) => `How to fix: ${title}`,
  howToFix: 'How to fix',
  theChange: 'The change to your code',
  theChangeAttached: (name: string) => `**The change to your code** is attached as \`${name}\`.`,
  seeFullExplanation: 'See the full explanation.',
  mayHelp: (mention: string) => `${mention}, this may help:`,
  // A server's own FAQ entry (its words are the server's; these label them)
  /** Above an entry that answered a paste by itself: whose answer this is. */
  fromServerFaq: "From this server's FAQ",
  /** Footer of an entry: its /faq topic. */
  serverFaqFooter: (name: string) => `server FAQ: ${name}`,
  /** Footer of an entry that answered a paste: the topic and the trigger the paste held. */
  serverFaqMatchedFooter: (name: string, trigger: string) => `server FAQ: ${name} · matched "${trigger}"`,
  /** Field under a built-in answer when a server entry matched too. */
  seeAlsoServerFaq: "See also, from this server's FAQ",
  seeAlsoEntry: (title: string, name: string) => `${title} (\`/faq topic:${name}\`)`,
  /** /faq-admin form: at most 45 characters (Discord's label limit). */
  faqTriggersLabel: 'Triggers: error text, one per line',
  faqTriggersPlaceholder: 'Optional. A paste holding one of these is answered with this entry, e.g. mybot.errors.ConfigMissing',
  /** /faq-admin preview: above the entry as /faq posts it. */
  faqPreviewNote: (triggers: string[]) =>
    `Preview, only you can see it. \`/faq\` posts the entry below exactly like this. ` +
    (triggers.length ? `It also answers pastes holding: ${triggers.map((t) => `"${t}"`).join(', ')}.` : 'It has no triggers, so it answers only `/faq`.'),
  caseGone: 'That case is no longer in the log (deleted after the retention period, or not from this server).',
  /** /stats show:unmatched: the button under each case (at most 80 characters). */
  makeFaqFromCase: (id: number) => `FAQ entry from #${id}`,
  /** /stats: the repeats nobody had to answer by hand. */
  statsAnsweredByFaq: (n: number) => `**${n}** answered by this server's FAQ entries by themselves.`,
  faqNotSaved: (problems: string[]) => `Not saved:\n${problems.map((p) => `- ${p}`).join('\n')}`,
  noMatch:
    'I found no known async error in that. If it is about async code, try `/faq` with a keyword (for example `never awaited`), or paste the full traceback or error message.',
  tooComplex:
    'That paste is too complex for me to analyse in time (code nested very deep, or too much of it). Paste just the error message or traceback and the few lines of code around it.',
  binaryPaste: 'That looks like binary data, not text. Paste the error message or traceback as text, or attach it as a `.txt` file.',
  emptyPaste: 'There was nothing to read. Paste the error message, traceback or code (or attach a `.txt`, `.py`, `.js`, `.ts` or `.log` file).',
  secretKinds: {
    'discord-token': 'a Discord bot token',
    'discord-webhook': 'a Discord webhook URL',
    'api-key': 'an API key',
    'private-key': 'a private key',
    password: 'a password',
    'access-token': 'an access token',
    secret: 'a secret key',
  } as Record<string, string>,
  /** How to make each kind of secret worthless, shown after "reset it now". */
  secretResets: {
    'discord-token': 'bot token: Discord Developer Portal → your app → Bot → Reset Token',
    'discord-webhook': 'webhook: delete it and create a new one',
    'api-key': "API key: revoke it in the provider's dashboard and create a new one",
    'private-key': 'private key: replace the key pair',
    password: 'password: change it wherever it is used',
    'access-token': 'access token: revoke it or sign out everywhere',
    secret: 'secret key: generate a new one',
  } as Record<string, string>,
  secretAnd: ' and ',
  secretSeparator: '; ',
  aSecret: 'a secret',
  secretWarning: (what: string, how: string) =>
    `⚠️ Your paste contained ${what}. I did not repeat or store it, but anyone who saw the paste can use it: ` +
    `reset it now (${how}), and remove it from the message. This answer is visible only to you.`,
  /** A watched help channel: the paste is public already, so the bot answers only with this, never with the code. */
  watchSecretNotice: (what: string, how: string) =>
    `⚠️ This message contains ${what}. Anyone in this channel can use it: reset it now (${how}), then delete the message. ` +
    'I will not repeat your code here; use `/explain` for an answer only you can see.',
  // Notices from the bot's handlers
  nothingToRead: 'There was nothing to read. Paste the error message, traceback or code, or attach a `.txt`, `.py`, `.js`, `.ts` or `.log` file.',
  unknownTopic: (topic: string) => `I know no topic "${topic}". Start typing in \`topic\` and pick one from the list.`,
  buttonInactive: 'That button is no longer active.',
  // Buttons pressed where they do not apply (forged, copied to another message, or not the presser's to press)
  buttonNotForThisMessage: 'That button does not belong to this answer, so I did nothing.',
  fixOnlyForAsker: 'This answer was private: only the person who asked can see its fix.',
  voteOnlyOnVisible: 'You can only rate an answer you can see.',
  deleteOnlyAskerOrModerator: 'Only the person who asked or a moderator can delete this answer.',
  // Attachments that could not be read (`name` is the file's name, in backticks)
  attachmentNotText: (name: string) => `\`${name}\` is not a text file I can read`,
  attachmentBinary: (name: string) => `\`${name}\` is binary, not text`,
  attachmentUnreachable: (name: string) => `I could not download \`${name}\``,
  attachmentNotFromDiscord: (name: string) => `I only read files stored by Discord itself, and \`${name}\` is not`,
  explanationGone: 'That explanation is no longer available.',
  thanksHelpful: 'Thanks! Glad it helped.',
  thanksWrong: 'Thanks for flagging it. Moderators review answers marked wrong.',
  voteNotSaved: '(Your vote could not be saved right now.)',
  apology: 'Sorry, something went wrong while answering that. The error was logged; please try again in a moment.',
  rateLimited: (seconds: number) => `You're asking faster than I can keep up — please try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
  // Notices from the Discord commands (short, ephemeral; names are validated or escaped by the caller)
  commandGone: 'I do not know that command any more; it may have been removed.',
  formGone: 'That form is no longer active.',
  settingsDenied: "Only members with the Manage Server permission can change awaitbot's settings.",
  settingsUnavailable: 'Settings are unavailable right now.',
  pickChannel: 'Pick a channel.',
  settingsNotSaved: 'Could not save the settings right now; nothing changed.',
  fileUnreadable: (problems: string) => `${problems || 'The file was empty'}. Attach a text file (.txt, .py, .js, .ts, .log) or paste the text.`,
  messageUnreadable: (problems: string) => `${problems || 'That message has no text'}.`,
  messageNoText: 'That message has no text or text attachment I can read.',
  statsDenied: 'Only members with the Manage Messages permission can see the statistics.',
  caseLogUnavailable: 'The case log is unavailable right now.',
  nothingToReview: 'Nothing to review: every recent paste was recognised and no answer was voted wrong.',
  // /stats and `awaitbot stats`: the summary and the chart of the top rules week by week
  statsTitle: (days: number) => `awaitbot — last ${days} day${days === 1 ? '' : 's'}`,
  statsSummary: (cases: number, recognised: number, helpful: number, wrong: number, wrongPercent: number) =>
    `**${cases}** pastes, **${recognised}%** recognised. Votes: 👍 ${helpful} · 👎 ${wrong} (${wrongPercent}% wrong).`,
  statsTopMistakes: 'Top mistakes',
  statsNoMatches: 'No matched cases yet.',
  statsBusiestChannels: 'Busiest channels',
  chartTitle: (weeks: number) => `Top rules, week by week (last ${weeks} weeks)`,
  chartCasesAxis: 'Cases (best match)',
  chartWeekAxis: 'Week starting',
  chartEmpty: 'No matched cases in these weeks.',
  /** The PNG's description (alt text) in Discord. */
  chartAlt: (weeks: number) => `Bar chart: cases of the top rules in each of the last ${weeks} weeks`,
  /** Above the chart's numbers as text: the rules, numbered, then one line per week. */
  chartNumbersHeading: 'Per week (the chart in numbers)',
  chartWeekColumn: 'week of',
  faqDenied: "Only members with the Manage Messages permission can change this server's FAQ.",
  faqNeedsServer: 'FAQ entries belong to a server; use this command in one.',
  faqBadName: 'A FAQ name is lower-case words joined by dashes, up to 40 characters (for example `bot-token-leaked`).',
  faqBuiltinName: (name: string) => `\`${name}\` is already a built-in topic; pick another name.`,
  faqExists: (name: string) => `\`${name}\` already exists; use \`/faq-admin edit\`.`,
  faqNoEntry: (name: string) => `There is no entry \`${name}\`.`,
  faqUsage: 'Use `/faq-admin add`, `edit`, `remove` or `preview`.',
  faqNeedTitleAndAnswer: 'Both a title and an answer are needed.',
  faqSaved: (name: string) => `Saved \`${name}\`. Try it: \`/faq topic:${name}\`.`,
  faqNotSavedBecause: (reason: 'exists' | 'missing' | 'unavailable') =>
    `Not saved: ${{ exists: 'it already exists', missing: 'it no longer exists', unavailable: 'the FAQ store is unavailable right now' }[reason]}.`,
  forgetUnavailable: 'The case log is unavailable right now, so nothing was erased. Please try again later.',
  forgetDone: (cases: number, votes: number) => `Done: ${cases} logged paste${cases === 1 ? '' : 's'} and ${votes} vote${votes === 1 ? '' : 's'} of yours were erased.`,
  settingsSummary: (channels: string[], autoReply: boolean, retentionDays: number, language: string | null) =>
    [`Watched help channels: ${channels.join(', ') || 'none'}`, `Auto-reply: ${autoReply ? 'on' : 'off'}`, `Pastes kept for: ${retentionDays} days`, `Language of unasked answers: ${language === 'zh-CN' ? '简体中文' : language === 'en' ? 'English' : "each paste's own"}`].join('\n'),
  settingsNeedsMessageAccess: 'Note: the bot was started without message access; restart it (or set AWAITBOT_WATCH=1) for watching to take effect.',
  modalTitle: 'Explain an async error',
  modalLabel: 'Error, traceback or code',
  httpUnsupported: 'This server runs awaitbot over HTTP interactions, which answer /explain, "Explain async error" and /faq. For the rest, ask a moderator to run the gateway bot (`awaitbot start`).',
  // Terminal (text) reply
  severity: { error: 'Mistake', warning: 'Warning', tip: 'Tip' } as Record<Rule['severity'], string>,
  /** After a label ("Fix: …"). */
  colon: ': ',
  confidence: 'confidence',
  /** A rule named from a question's words, not from an error or code. */
  likely: 'likely match, from your description',
  where: 'Where',
  lineOfYourCode: (n: number) => `line ${n} of your code`,
  seen: 'Seen',
  seenLine: (n: number) => `line ${n}`,
  why: 'Why',
  fix: 'Fix',
  here: 'Here',
  yourCodeFixedNote: (note: string) => `Your code, fixed (${note}):`,
  diff: 'Diff',
  correctedExample: 'Corrected example:',
  docs: 'Docs',
  inDiscord: 'In Discord',
  textSecret: (what: string, how: string) => `Your paste contained ${what}. It was hidden here, but treat it as leaked: reset it now (${how}).`,
  textBinary: 'This looks like binary data, not text: paste the error message or code as text.',
  textEmpty: 'Nothing to explain: the paste is empty. Paste a traceback, an error line or the code that misbehaves.',
  textNoMatch: 'No known async error found in this paste.',
  textNoMatchHint:
    'If it is about async code, paste the full traceback or the code around it; `awaitbot rules` lists the mistakes awaitbot knows, `/faq` in Discord shows any of them.',
  textTruncated: '(The paste was very long; only its end was read.)',
};

export type Messages = typeof en;

const zhCN: Partial<Messages> = {
  showFix: '查看修复方法',
  helpful: '有帮助',
  wrong: '不对',
  delete: '删除',
  fullExplanation: '完整说明',
  yourLine: '你的代码行',
  yourCode: '你的代码',
  lineN: (n) => `第 ${n} 行`,
  fixed: '修改后的代码',
  fixedAttached: (name) => `**修改后的代码**在附件 \`${name}\` 里。`,
  yourCodeFixed: '修改后的代码',
  correctExample: '正确的写法',
  doThisInstead: '应该这样写',
  alsoPossible: '也可能是',
  sure: (percent) => `置信度 ${percent}%`,
  howToFixTitle: (title) => `怎么修复：${title}`,
  howToFix: '怎么修复',
  theChange: '对你代码的改动',
  theChangeAttached: (name) => `**对你代码的改动**在附件 \`${name}\` 里。`,
  seeFullExplanation: '请看完整说明。',
  mayHelp: (mention) => `${mention}，这个也许有帮助：`,
  fromServerFaq: '来自本服务器的常见问题',
  seeAlsoServerFaq: '另见本服务器的常见问题',
  faqTriggersLabel: '触发词：错误文本，每行一个',
  faqTriggersPlaceholder: '可选。粘贴内容包含其中任意一个时，用这个条目回答，例如 mybot.errors.ConfigMissing',
  caseGone: '这个案例已经不在记录里了（超过保留期限后被删除，或者不属于这个服务器）。',
  noMatch:
    '没有在里面找到已知的异步错误。如果问题和异步代码有关，可以用 `/faq` 加关键词查找（比如 `never awaited`），或者贴出完整的 traceback 或错误信息。',
  tooComplex: '这段内容太复杂，我没法及时分析（代码嵌套太深，或者内容太多）。请只贴出错误信息或 traceback，以及出错位置附近的几行代码。',
  binaryPaste: '这看起来是二进制数据，不是文本。请把错误信息或 traceback 作为文本粘贴，或者作为 `.txt` 文件上传。',
  emptyPaste: '没有可读的内容。请粘贴错误信息、traceback 或代码（或者上传 `.txt`、`.py`、`.js`、`.ts`、`.log` 文件）。',
  secretKinds: {
    'discord-token': 'Discord 机器人令牌（token）',
    'discord-webhook': 'Discord webhook 地址',
    'api-key': 'API 密钥',
    'private-key': '私钥',
    password: '密码',
    'access-token': '访问令牌',
    secret: '密钥',
  },
  secretResets: {
    'discord-token': '机器人令牌：Discord 开发者门户 → 你的应用 → Bot → Reset Token',
    'discord-webhook': 'webhook：删除后重新创建',
    'api-key': 'API 密钥：在服务商的控制台里吊销并重新生成',
    'private-key': '私钥：换一对新的密钥',
    password: '密码：在所有用到它的地方改掉',
    'access-token': '访问令牌：吊销它，或者在所有设备上退出登录',
    secret: '密钥：重新生成一个',
  },
  secretAnd: '和',
  secretSeparator: '；',
  aSecret: '机密信息',
  secretWarning: (what, how) =>
    `⚠️ 你粘贴的内容里有${what}。我没有重复或保存它，但看到这条消息的人都能使用它：` +
    `请马上重置（${how}），并从消息里删掉它。这条回答只有你能看到。`,
  watchSecretNotice: (what, how) =>
    `⚠️ 这条消息里有${what}。这个频道里的任何人都能使用它：请马上重置（${how}），然后删除这条消息。` +
    '我不会在这里重复你的代码；用 `/explain` 可以得到只有你能看到的回答。',
  nothingToRead: '没有可读的内容。请粘贴错误信息、traceback 或代码，或者上传 `.txt`、`.py`、`.js`、`.ts`、`.log` 文件。',
  unknownTopic: (topic) => `没有叫“${topic}”的主题。请在 \`topic\` 里输入关键词，从列表里选一个。`,
  buttonInactive: '这个按钮已经失效了。',
  buttonNotForThisMessage: '这个按钮不属于这条回答，所以我什么也没做。',
  fixOnlyForAsker: '这条回答是私密的：只有提问的人能查看它的修复方法。',
  voteOnlyOnVisible: '你只能评价自己看得到的回答。',
  deleteOnlyAskerOrModerator: '只有提问的人或管理员可以删除这条回答。',
  attachmentNotText: (name) => `\`${name}\` 不是我能读的文本文件`,
  attachmentBinary: (name) => `\`${name}\` 是二进制文件，不是文本`,
  attachmentUnreachable: (name) => `没能下载 \`${name}\``,
  attachmentNotFromDiscord: (name) => `我只读取 Discord 自己存储的文件，\`${name}\` 不是`,
  explanationGone: '这条说明已经不存在了。',
  thanksHelpful: '谢谢！很高兴能帮上忙。',
  thanksWrong: '谢谢反馈。管理员会检查被标记为“不对”的回答。',
  voteNotSaved: '（你的投票暂时没能保存。）',
  apology: '抱歉，回答时出错了。错误已经记录下来，请稍后再试。',
  rateLimited: (seconds) => `你问得太快了，我跟不上：请 ${seconds} 秒后再试。`,
  commandGone: '我已经不认识这个命令了，它可能已被移除。',
  formGone: '这个表单已经失效了。',
  settingsDenied: '只有拥有「管理服务器」权限的成员才能修改 awaitbot 的设置。',
  settingsUnavailable: '设置暂时不可用。',
  pickChannel: '请选择一个频道。',
  settingsNotSaved: '暂时无法保存设置，没有任何改动。',
  fileUnreadable: (problems) => `${problems || '文件是空的'}。请上传文本文件（.txt、.py、.js、.ts、.log），或者直接粘贴文本。`,
  messageUnreadable: (problems) => `${problems || '那条消息没有文字'}。`,
  messageNoText: '那条消息里没有我能读取的文字或文本附件。',
  statsDenied: '只有拥有「管理消息」权限的成员才能查看统计。',
  caseLogUnavailable: '案例记录暂时不可用。',
  nothingToReview: '没有需要复查的内容：最近的粘贴都被识别了，也没有回答被投票为不对。',
  statsTitle: (days) => `awaitbot — 最近 ${days} 天`,
  statsSummary: (cases, recognised, helpful, wrong, wrongPercent) =>
    `共 **${cases}** 次粘贴，识别出 **${recognised}%**。投票：👍 ${helpful} · 👎 ${wrong}（${wrongPercent}% 认为不对）。`,
  statsTopMistakes: '最常见的错误',
  statsNoMatches: '还没有匹配到规则的案例。',
  statsBusiestChannels: '案例最多的频道',
  chartTitle: (weeks) => `最常见的规则，逐周统计（最近 ${weeks} 周）`,
  chartCasesAxis: '案例数（最佳匹配）',
  chartWeekAxis: '每周起始日期',
  chartEmpty: '这几周没有匹配到规则的案例。',
  chartAlt: (weeks) => `柱状图：最近 ${weeks} 周里，每周最常见规则的案例数`,
  chartNumbersHeading: '每周数字（即图表内容）',
  chartWeekColumn: '起始日期',
  statsAnsweredByFaq: (n) => `其中 **${n}** 次由本服务器的 FAQ 条目自动回答。`,
  faqDenied: '只有拥有「管理消息」权限的成员才能修改本服务器的常见问题。',
  faqNeedsServer: '常见问题条目属于某个服务器，请在服务器里使用这个命令。',
  faqBadName: '常见问题的名称由小写单词和连字符组成，最多 40 个字符（例如 `bot-token-leaked`）。',
  faqBuiltinName: (name) => `\`${name}\` 已经是内置主题，请换一个名称。`,
  faqExists: (name) => `\`${name}\` 已经存在，请使用 \`/faq-admin edit\`。`,
  faqNoEntry: (name) => `没有名为 \`${name}\` 的条目。`,
  faqUsage: '请使用 `/faq-admin add`、`edit`、`remove` 或 `preview`。',
  faqNeedTitleAndAnswer: '标题和回答都需要填写。',
  faqSaved: (name) => `已保存 \`${name}\`。试试看：\`/faq topic:${name}\`。`,
  faqNotSavedBecause: (reason) => `没有保存：${{ exists: '条目已经存在', missing: '条目已经不存在了', unavailable: '常见问题存储暂时不可用' }[reason]}。`,
  forgetUnavailable: '案例记录暂时不可用，所以没有删除任何内容。请稍后再试。',
  forgetDone: (cases, votes) => `完成：已删除你的 ${cases} 条粘贴记录和 ${votes} 个投票。`,
  settingsSummary: (channels, autoReply, retentionDays, language) =>
    [`关注的求助频道：${channels.join('、') || '无'}`, `自动回复：${autoReply ? '开启' : '关闭'}`, `粘贴内容保留：${retentionDays} 天`, `自动回答的语言：${language === 'zh-CN' ? '简体中文' : language === 'en' ? 'English' : '跟随每条粘贴的语言'}`].join('\n'),
  settingsNeedsMessageAccess: '注意：机器人启动时没有读取消息的权限；请重新启动它（或者设置 AWAITBOT_WATCH=1），关注频道才会生效。',
  modalTitle: '解释一个异步错误',
  modalLabel: '错误信息、traceback 或代码',
  httpUnsupported: '这个服务器通过 HTTP interactions 运行 awaitbot，只能回答 /explain、「Explain async error」和 /faq。其他功能需要管理员运行网关版机器人（`awaitbot start`）。',
  severity: { error: '错误', warning: '警告', tip: '提示' },
  colon: '：',
  confidence: '置信度',
  likely: '根据你的描述，可能是这个问题',
  where: '位置',
  lineOfYourCode: (n) => `你的代码第 ${n} 行`,
  seen: '发现',
  seenLine: (n) => `第 ${n} 行`,
  why: '原因',
  fix: '怎么修复',
  here: '你的情况',
  yourCodeFixedNote: (note) => `修改后的代码（${note}）：`,
  diff: '改动',
  correctedExample: '正确的写法：',
  docs: '文档',
  inDiscord: '在 Discord 里',
  textSecret: (what, how) => `你粘贴的内容里有${what}。这里已经把它隐藏了，但请把它当作已经泄露：马上重置它（${how}）。`,
  textBinary: '这看起来是二进制数据，不是文本：请把错误信息或代码作为文本粘贴。',
  textEmpty: '没有可解释的内容：粘贴是空的。请粘贴 traceback、错误信息或出问题的代码。',
  textNoMatch: '没有在这段内容里找到已知的异步错误。',
  textNoMatchHint:
    '如果问题和异步代码有关，请贴出完整的 traceback 或相关代码；`awaitbot rules` 列出 awaitbot 认识的所有错误，在 Discord 里用 `/faq` 可以查看其中任何一条。',
  textTruncated: '（粘贴的内容太长，只读了最后一部分。）',
};

const catalogs: Record<Locale, Messages> = {
  en,
  'zh-CN': { ...en, ...zhCN },
};

/** The order secrets are named in, most urgent first. */
const secretKindOrder = ['discord-token', 'discord-webhook', 'api-key', 'private-key', 'access-token', 'secret', 'password'];

/** The secrets a paste held, in words: what was found ("a Discord bot token and a password") and how to reset each. */
export function secretWords(kinds: Iterable<string>, m: Messages): { what: string; how: string } {
  const found = new Set(kinds);
  const known = secretKindOrder.filter((k) => found.has(k));
  const what = known.map((k) => m.secretKinds[k]!).join(m.secretAnd) || m.aSecret;
  const how = (known.length ? known : ['discord-token']).map((k) => m.secretResets[k]!).join(m.secretSeparator);
  return { what, how };
}

/** The bot's own words in `locale`, English for any string not translated. */
export function messages(locale: Locale = 'en'): Messages {
  return catalogs[locale] ?? en;
}

export interface RuleText {
  title: string;
  summary: string;
  /**
   * The body sections by their English heading ('What happened', 'Why', 'How
   * to fix', 'By context'), each in this locale where the rule translates it,
   * else in English.
   */
  sections: Record<string, string>;
  /** The rule's corrected example, its comments in this locale (null when the rule has none). */
  correctExample: string | null;
  /** A context variant's words (the English `say` the engine picked) in this locale. */
  variant(say: string): string;
  /** The locale these words are in ('en' when the rule has no translation for the asked locale). */
  locale: Locale;
}

/** Which translated field holds which body section. */
const sectionFields = { 'What happened': 'happened', Why: 'why', 'How to fix': 'fix', 'By context': 'context' } as const;

/** `code` with each example comment the translation covers written in its words (`# text` / `// text`). */
function translateComments(code: string, comments: Record<string, string>): string {
  let out = code;
  for (const [english, translated] of Object.entries(comments)) {
    for (const marker of ['# ', '// ']) out = out.split(marker + english).join(marker + translated);
  }
  return out;
}

/** A rule's words in `locale`, falling back to English field by field. */
export function ruleText(
  rule: Pick<Rule, 'title' | 'summary' | 'i18n' | 'sections' | 'variants' | 'examples'>,
  locale: Locale = 'en',
): RuleText {
  const t = locale === 'en' ? undefined : rule.i18n?.[locale];
  const example = correctExample(rule);
  if (!t) return { title: rule.title, summary: rule.summary, sections: rule.sections, correctExample: example, variant: (say) => say, locale: 'en' };
  const sections: Record<string, string> = { ...rule.sections };
  for (const [heading, field] of Object.entries(sectionFields)) {
    if (t[field] && heading in sections) sections[heading] = t[field];
  }
  return {
    title: t.title,
    summary: t.summary,
    sections,
    correctExample: example === null ? null : translateComments(example, t.comments ?? {}),
    variant: (say) => {
      const i = rule.variants.findIndex((v) => v.say === say);
      return (i >= 0 && t.variants?.[i]?.say) || say;
    },
    locale,
  };
}

/**
 * The rule's documentation link for `locale`: the Python docs have an official
 * Simplified Chinese edition at the same paths, so a zh-CN reader gets that one.
 */
export function docsUrlFor(url: string, locale: Locale = 'en'): string {
  if (locale === 'zh-CN' && url.startsWith('https://docs.python.org/3/')) return url.replace('https://docs.python.org/3/', 'https://docs.python.org/zh-cn/3/');
  return url;
}

/**
 * The words of the command line and the console: `awaitbot help`, each
 * command's `--help`, the start-up message naming bad settings, and the
 * console's own replies. Kept apart from the reply catalog above because
 * they are complete in every locale (a missing one would not compile).
 */
const cliEn = {
  /** `awaitbot help`: the heading, then one line per command, then where to read more. */
  helpHeading: 'awaitbot: explains async errors (Python asyncio, JavaScript promises)\n\nUsage: awaitbot <command> [options]',
  helpFooter: "Run `awaitbot <command> --help` for a command's options.",
  usage: (usage: string) => `Usage: ${usage}`,
  unknownCommand: (name: string) => `unknown command "${name}" (try: awaitbot help)`,
  /** One line for `awaitbot help`, and the last line of the command's own `--help`. */
  summaries: {
    explain: 'Explain the async mistake in a paste (FILE or stdin).',
    batch: 'Diagnose JSON lines {"id","text"} from stdin; one JSON line out per input.',
    rules: 'List every rule the knowledge base holds (--json for id, title, language).',
    start: 'Run the Discord bot (DISCORD_TOKEN set) or else the local console.',
    serve: "Answer Discord's interactions over HTTP, no gateway (--port P; needs DISCORD_PUBLIC_KEY).",
    console: 'A local chat in the terminal that behaves like the bot in a channel.',
    'deploy-commands': 'Register the slash and context-menu commands (globally or to DISCORD_GUILD_ID).',
    stats: 'Cases, share matched, top rules, feedback per rule, busiest channels; --chart draws the top rules week by week.',
    review: 'The latest unmatched and "wrong"-flagged pastes, to improve the knowledge base.',
    faq: "A server's FAQ entries as Markdown files (export/import DIR --guild ID), or one made from a case (add --from-case ID).",
    export: 'Cases as JSON lines (--since DATE).',
    forget: "Erase a user's cases and feedback: awaitbot forget USER_ID.",
    health: 'Exit 0 when the database answers (and, in bot mode, the gateway is connected).',
  },
  /** Each command's synopsis for `--help`: its options, then what the less obvious ones do. */
  usages: {
    explain: 'awaitbot explain [FILE] [--json] [--log] [--lang en|zh-CN]   (--log: record the case in DATABASE_PATH; --lang: language of the text answer)',
    batch: 'awaitbot batch [--log] < pastes.jsonl   (--log: record each case in DATABASE_PATH)',
    rules: 'awaitbot rules [--json]',
    start: 'awaitbot start',
    serve: 'awaitbot serve --port P [--host 127.0.0.1]   (needs DISCORD_PUBLIC_KEY)',
    console: 'awaitbot console [--lang en|zh-CN] [< paste.txt]   (--lang, else LC_ALL/LANG, else the language of each paste)',
    'deploy-commands': 'awaitbot deploy-commands [--guild ID]',
    stats: 'awaitbot stats [--json] [--days N] [--guild SERVER_ID] [--chart FILE.png] [--lang en|zh-CN]   (--chart: a PNG of the top rules week by week, its numbers printed too; --lang: its language)',
    review:
      'awaitbot review [--json] [--limit N] [--guild SERVER_ID]\n       awaitbot review --draft-rule CASE_ID [--out FILE]   a knowledge/-format rule skeleton from a case (stdout, or FILE)',
    faq: [
      'awaitbot faq export DIR --guild ID      one NAME.md per entry (front matter: name, title, triggers, language; body: the answer)',
      'awaitbot faq import DIR --guild ID      every DIR/*.md checked first; one bad file and nothing changes',
      'awaitbot faq add --from-case ID (--answer TEXT | --answer-file FILE) [--name N] [--title T] [--trigger T]... [--guild ID]',
    ].join('\n       '),
    export: 'awaitbot export [--since DATE]',
    forget: 'awaitbot forget USER_ID',
    health: 'awaitbot health [--max-heartbeat-age SECONDS]',
  },
  /** The start-up message: every bad setting at once, so one edit of `.env` fixes them all. */
  badSettings: (problems: { name: string; value: string; expects: string }[]) =>
    `${problems.length === 1 ? 'a setting has a value' : `${problems.length} settings have values`} awaitbot cannot use (from the environment or .env):\n` +
    problems.map((p) => `  ${p.name}=${p.value}: expected ${p.expects}`).join('\n'),
  /** What each setting expects (`facts` are the limits the code enforces). */
  settingExpects: {
    DISCORD_TOKEN: () => 'the bot token from the Developer Portal',
    DISCORD_GUILD_ID: () => 'a server id (a Discord snowflake: 5 to 20 digits)',
    DISCORD_APPLICATION_ID: () => 'an application id (a Discord snowflake: 5 to 20 digits)',
    DISCORD_PUBLIC_KEY: () => 'the application public key from the Developer Portal (64 hex digits)',
    DISCORD_API_URL: () => 'an http(s) URL such as https://discord.com/api',
    AWAITBOT_ATTACHMENT_ORIGINS: () => 'comma-separated origins such as http://127.0.0.1:8080',
    DATABASE_PATH: () => 'a file path',
    LOG_LEVEL: (f) => `one of ${f.logLevels.join(', ')}`,
    RETENTION_DAYS: (f) => `a whole number of days from 1 to ${f.maxRetentionDays}`,
    HEALTH_MAX_HEARTBEAT_AGE: () => 'a number of seconds above 0',
    AWAITBOT_WATCH: () => '1, true, 0 or false',
    AWAITBOT_RATE_LIMIT: () => 'N/SECONDS with whole numbers above 0, such as 6/30',
    AWAITBOT_DIAGNOSIS_BUDGET_MS: () => 'a whole number of milliseconds from 1 to 600000',
    AWAITBOT_DIAGNOSIS_THREADS: () => 'a whole number of threads from 1 to 64',
    AWAITBOT_ANALYSIS_LIMITS: () => 'off, or empty for on',
    AWAITBOT_EVENT_RECEIPTS_URL: () => 'an http(s) URL such as http://127.0.0.1:8080/receipts',
    USER: () => 'a user name',
    LC_ALL: () => 'a locale such as zh_CN.UTF-8',
    LANG: () => 'a locale such as zh_CN.UTF-8',
    NO_COLOR: () => 'any value to turn terminal colours off, or empty',
  } satisfies Record<string, (facts: SettingFacts) => string>,
  // The console
  consoleBanner: (rules: number) => `awaitbot console — ${rules} known async mistakes. /help for commands.`,
  consoleHelp:
    'Paste a traceback, an error message or code (multi-line pastes are kept together), or type:\n' +
    '  /explain <text>   explain the text\n' +
    '  /faq <topic>      a known explanation (/faq alone lists topics)\n' +
    '  /help             this help\n' +
    '  /quit             leave',
  consoleTopics: (n: number) => `All ${n} topics (/faq <topic> shows one):`,
  consoleUnknownTopic: (topic: string) => `I know no topic "${topic}". Type /faq to list topics.`,
  consoleDoThisInstead: 'Do this instead:',
  consoleMore: (url: string) => `More: ${url}`,
  consoleExplainWhat: 'Paste something after /explain (or just paste it).',
  consoleUnknownCommand: (word: string) => `Unknown command ${word}. Type /help for the commands.`,
  consoleNothingPiped: 'nothing on stdin (paste text, or run it in a terminal)',
};

/** The limits a setting's expectation names (they live with the code that enforces them). */
export interface SettingFacts {
  logLevels: readonly string[];
  maxRetentionDays: number;
}

export type CliMessages = typeof cliEn;
export type CliCommandName = keyof CliMessages['summaries'];
export type SettingName = keyof CliMessages['settingExpects'];

const cliZhCN: CliMessages = {
  helpHeading: 'awaitbot：解释异步错误（Python asyncio、JavaScript Promise）\n\n用法：awaitbot <命令> [选项]',
  helpFooter: '运行 `awaitbot <命令> --help` 查看某个命令的选项。',
  usage: (usage) => `用法：${usage}`,
  unknownCommand: (name) => `没有“${name}”这个命令（试试：awaitbot help）`,
  summaries: {
    explain: '解释一段粘贴内容（FILE 或标准输入）里的异步错误。',
    batch: '从标准输入读取 JSON 行 {"id","text"} 并逐条诊断；每条输入输出一行 JSON。',
    rules: '列出知识库里的所有规则（加 --json 输出 id、标题和语言）。',
    start: '运行 Discord 机器人（设置了 DISCORD_TOKEN 时），否则运行本地控制台。',
    serve: '通过 HTTP 回应 Discord 的 interactions，不连网关（--port P；需要 DISCORD_PUBLIC_KEY）。',
    console: '终端里的本地聊天，表现和频道里的机器人一样。',
    'deploy-commands': '注册斜杠命令和右键菜单命令（全局，或者注册到 DISCORD_GUILD_ID）。',
    stats: '案例数、识别比例、最常见的规则、每条规则的反馈、最活跃的频道；--chart 把最常见的规则逐周画成图表。',
    review: '最近没有识别出的粘贴和被标记为“不对”的回答，用来改进知识库。',
    faq: '把服务器的常见问题条目导出或导入为 Markdown 文件（export/import DIR --guild ID），或者从一个案例新建条目（add --from-case ID）。',
    export: '以 JSON 行导出案例（--since DATE）。',
    forget: '删除某个用户的案例和反馈：awaitbot forget USER_ID。',
    health: '数据库能响应时退出码为 0（机器人模式下还要求网关已连接）。',
  },
  usages: {
    explain: 'awaitbot explain [FILE] [--json] [--log] [--lang en|zh-CN]   （--log：把案例记录到 DATABASE_PATH；--lang：文字回答的语言）',
    batch: 'awaitbot batch [--log] < pastes.jsonl   （--log：把每个案例记录到 DATABASE_PATH）',
    rules: 'awaitbot rules [--json]',
    start: 'awaitbot start',
    serve: 'awaitbot serve --port P [--host 127.0.0.1]   （需要 DISCORD_PUBLIC_KEY）',
    console: 'awaitbot console [--lang en|zh-CN] [< paste.txt]   （先看 --lang，其次 LC_ALL/LANG，再其次每条粘贴本身的语言）',
    'deploy-commands': 'awaitbot deploy-commands [--guild ID]',
    stats: 'awaitbot stats [--json] [--days N] [--guild SERVER_ID] [--chart FILE.png] [--lang en|zh-CN]   （--chart：把最常见的规则逐周画成 PNG，并打印其中的数字；--lang：图表的语言）',
    review: 'awaitbot review [--json] [--limit N] [--guild SERVER_ID]\n       awaitbot review --draft-rule CASE_ID [--out FILE]   从一个案例生成 knowledge/ 格式的规则草稿（输出到标准输出或 FILE）',
    faq: [
      'awaitbot faq export DIR --guild ID      每个条目一个 NAME.md（front matter：name、title、triggers、language；正文：回答）',
      'awaitbot faq import DIR --guild ID      先检查 DIR/*.md 里的每个文件；只要有一个文件有问题，就什么都不改',
      'awaitbot faq add --from-case ID (--answer TEXT | --answer-file FILE) [--name N] [--title T] [--trigger T]... [--guild ID]',
    ].join('\n       '),
    export: 'awaitbot export [--since DATE]',
    forget: 'awaitbot forget USER_ID',
    health: 'awaitbot health [--max-heartbeat-age SECONDS]',
  },
  badSettings: (problems) =>
    `${problems.length === 1 ? '有 1 个设置' : `有 ${problems.length} 个设置`}的值 awaitbot 无法使用（来自环境变量或 .env）：\n` +
    problems.map((p) => `  ${p.name}=${p.value}：应该是${p.expects}`).join('\n'),
  settingExpects: {
    DISCORD_TOKEN: () => '开发者门户里的机器人令牌（token）',
    DISCORD_GUILD_ID: () => '服务器 id（Discord snowflake：5 到 20 位数字）',
    DISCORD_APPLICATION_ID: () => '应用 id（Discord snowflake：5 到 20 位数字）',
    DISCORD_PUBLIC_KEY: () => '开发者门户里的应用公钥（64 位十六进制数字）',
    DISCORD_API_URL: () => 'http(s) 地址，例如 https://discord.com/api',
    AWAITBOT_ATTACHMENT_ORIGINS: () => '用逗号分隔的来源，例如 http://127.0.0.1:8080',
    DATABASE_PATH: () => '文件路径',
    LOG_LEVEL: (f) => `以下之一：${f.logLevels.join('、')}`,
    RETENTION_DAYS: (f) => `1 到 ${f.maxRetentionDays} 之间的整数天数`,
    HEALTH_MAX_HEARTBEAT_AGE: () => '大于 0 的秒数',
    AWAITBOT_WATCH: () => '1、true、0 或 false',
    AWAITBOT_RATE_LIMIT: () => 'N/SECONDS 形式、都大于 0 的整数，例如 6/30',
    AWAITBOT_DIAGNOSIS_BUDGET_MS: () => '1 到 600000 之间的整数毫秒数',
    AWAITBOT_DIAGNOSIS_THREADS: () => '1 到 64 之间的整数线程数',
    AWAITBOT_ANALYSIS_LIMITS: () => 'off，或者留空表示开启',
    AWAITBOT_EVENT_RECEIPTS_URL: () => 'http(s) 地址，例如 http://127.0.0.1:8080/receipts',
    USER: () => '用户名',
    LC_ALL: () => '语言环境，例如 zh_CN.UTF-8',
    LANG: () => '语言环境，例如 zh_CN.UTF-8',
    NO_COLOR: () => '任意值表示关闭终端颜色，留空表示不关闭',
  },
  consoleBanner: (rules) => `awaitbot 控制台：认识 ${rules} 种异步错误。输入 /help 查看命令。`,
  consoleHelp:
    '粘贴 traceback、错误信息或代码（多行粘贴会作为一条处理），或者输入：\n' +
    '  /explain <文本>    解释这段文本\n' +
    '  /faq <主题>        查看一条已知的说明（只输入 /faq 会列出所有主题）\n' +
    '  /help              显示这份帮助\n' +
    '  /quit              退出',
  consoleTopics: (n) => `共 ${n} 个主题（/faq <主题> 查看其中一个）：`,
  consoleUnknownTopic: (topic) => `没有叫“${topic}”的主题。输入 /faq 列出所有主题。`,
  consoleDoThisInstead: '应该这样写：',
  consoleMore: (url) => `更多：${url}`,
  consoleExplainWhat: '请在 /explain 后面粘贴内容（或者直接粘贴）。',
  consoleUnknownCommand: (word) => `没有 ${word} 这个命令。输入 /help 查看所有命令。`,
  consoleNothingPiped: '标准输入里没有内容（请粘贴文本，或者在终端里运行）',
};

const cliCatalogs: Record<Locale, CliMessages> = { en: cliEn, 'zh-CN': cliZhCN };

/** The command line's and console's words in `locale`. */
export function cliMessages(locale: Locale = 'en'): CliMessages {
  return cliCatalogs[locale] ?? cliEn;
}

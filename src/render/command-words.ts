/**
 * What Discord shows of awaitbot's commands in Simplified Chinese: names and
 * descriptions of commands, subcommands and options, and choice names, keyed by
 * their path in the English definitions (`faq-admin/add/name`, `stats/show:summary`).
 * Discord shows these to people whose client is set to 中文 (`zh-CN`); everyone
 * else sees the English (`englishCommandWords`), which the definitions take from here too.
 */
export interface LocalizedWords {
  name: string;
  /** Absent for context-menu commands and choices, which have no description. */
  description?: string;
}

/** The `name` option every /faq-admin subcommand shares. */
const entryName: LocalizedWords = { name: '名称', description: '简短的名称，小写字母加连字符（例如 bot-token-leaked）' };

export const commandWordsZhCN: Record<string, LocalizedWords> = {
  explain: { name: '解释', description: '解释一个异步错误：粘贴 traceback、错误信息或代码' },
  'explain/text': { name: '内容', description: '错误信息、traceback 或代码' },
  'explain/file': { name: '文件', description: '.txt、.py、.js、.ts 或 .log 文件（例如 message.txt）' },
  'Explain async error': { name: '解释异步错误' },
  faq: { name: '常见问题', description: '查看已知的解释（一个异步错误，或本服务器自己的常见问题）' },
  'faq/topic': { name: '主题', description: '开始输入：错误信息、规则 id 或标题' },
  'faq/user': { name: '用户', description: '把回答发给这个人（只会提醒这个人）' },
  'faq-admin': { name: '常见问题管理', description: '管理本服务器 /faq 的条目' },
  'faq-admin/add': { name: '添加', description: '添加一个条目（打开表单）' },
  'faq-admin/add/name': entryName,
  'faq-admin/edit': { name: '编辑', description: '编辑一个条目（打开表单）' },
  'faq-admin/edit/name': entryName,
  'faq-admin/remove': { name: '删除', description: '删除一个条目' },
  'faq-admin/remove/name': entryName,
  'faq-admin/preview': { name: '预览', description: '按发布时的样子查看一个条目（只有你能看到）' },
  'faq-admin/preview/name': entryName,
  stats: { name: '统计', description: '本服务器遇到了哪些异步错误，回答得到了怎样的评价' },
  'stats/days': { name: '天数', description: '统计多少天（默认 7）' },
  'stats/show': { name: '显示', description: '显示什么（默认：摘要）' },
  'stats/show:summary': { name: '摘要' },
  'stats/show:unmatched': { name: '没有匹配的粘贴和被标记为“错误”的回答' },
  settings: { name: '设置', description: '本服务器的 awaitbot 设置' },
  'settings/show': { name: '查看', description: '查看当前设置' },
  'settings/watch': { name: '关注频道', description: '关注一个求助频道（不用命令，自动回答置信度高的匹配）' },
  'settings/watch/channel': { name: '频道', description: '求助频道或论坛' },
  'settings/watch/on': { name: '开启', description: '关注（true）或停止关注（false）' },
  'settings/auto-reply': { name: '自动回复', description: '开启或关闭关注频道里的自动回复' },
  'settings/auto-reply/on': { name: '开启', description: '开启或关闭' },
  'settings/language': { name: '语言', description: '没人询问时（关注求助频道）自动回答所用的语言' },
  'settings/language/language': { name: '语言', description: 'English、简体中文，或每条粘贴自己的语言' },
  'settings/language/language:en': { name: 'English' },
  'settings/language/language:zh-CN': { name: '简体中文' },
  'settings/language/language:auto': { name: '每条粘贴自己的语言' },
  'settings/retention': { name: '保留期限', description: '粘贴内容保留多久' },
  'settings/retention/days': { name: '天数', description: '天数（1-365）' },
  'forget-me': { name: '忘记我', description: '删除 awaitbot 记录的你所有的粘贴和投票' },
};

/** The `name` option every /faq-admin subcommand shares. */
const entryNameEn = "Short name, lower-case-with-dashes (e.g. bot-token-leaked)";

/**
 * The English the definitions carry (what everyone whose client is not set to 中文 sees): descriptions of
 * commands, subcommands and options, and choice names (`stats/show:summary`), keyed like the Chinese.
 */
const commandWordsEn: Record<string, string> = {
  'explain': "Explain an async error: paste the traceback, error or code",
  'explain/text': "The error message, traceback or code",
  'explain/file': "A .txt, .py, .js, .ts or .log file (for example message.txt)",
  'faq': "Show a known explanation (an async mistake or this server's own FAQ)",
  'faq/topic': "Start typing: an error, a rule id or a title",
  'faq/user': "Address the answer to this person (only they are pinged)",
  'faq-admin': "Manage this server's FAQ entries for /faq",
  'faq-admin/add': "Add an entry (opens a form)",
  'faq-admin/add/name': entryNameEn,
  'faq-admin/edit': "Edit an entry (opens a form)",
  'faq-admin/edit/name': entryNameEn,
  'faq-admin/remove': "Remove an entry",
  'faq-admin/remove/name': entryNameEn,
  'faq-admin/preview': "See an entry exactly as it will be posted (only you see it)",
  'faq-admin/preview/name': entryNameEn,
  'stats': "Which async mistakes this server runs into, and how the answers were rated",
  'stats/days': "Period in days (default 7)",
  'stats/show': "What to show (default: the summary)",
  'settings': "awaitbot settings for this server",
  'settings/show': "Show the current settings",
  'settings/watch': "Watch a help channel (answer confident matches without a command)",
  'settings/watch/channel': "The help channel or forum",
  'settings/watch/on': "Watch it (true) or stop (false)",
  'settings/auto-reply': "Turn unasked replies in watched channels on or off",
  'settings/auto-reply/on': "On or off",
  'settings/language': "The language of answers nobody asked for (help-channel watching)",
  'settings/language/language': "English, 简体中文, or the language each paste is written in",
  'settings/retention': "How long pastes are kept",
  'settings/retention/days': "Days (1-365)",
  'forget-me': "Erase every paste and vote of yours that awaitbot has logged",
  'settings/language/language:en': "English",
  'settings/language/language:zh-CN': "简体中文",
  'settings/language/language:auto': "the language of each paste",
  'stats/show:summary': "summary",
  'stats/show:unmatched': "unmatched and \"wrong\"-flagged pastes",
};

/** The English description (or choice name) at `path`; a path with none is a mistake in the definitions. */
export function englishCommandWords(path: string): string {
  const words = commandWordsEn[path];
  if (words === undefined) throw new Error(`no English words for the command path ${path}`);
  return words;
}

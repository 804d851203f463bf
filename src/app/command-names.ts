/**
 * The names Discord shows for awaitbot's commands. The gateway bot registers them
 * and the HTTP interactions endpoint dispatches on them, so both read them here.
 */
export const commandNames = {
  explain: 'explain',
  faq: 'faq',
  stats: 'stats',
  faqAdmin: 'faq-admin',
  forgetMe: 'forget-me',
  /** The message context menu: right-click a message → Apps → this. */
  explainMessage: 'Explain async error',
} as const;

/**
 * The form a moderator fills in to add or edit one of the server's FAQ entries
 * (`/faq-admin add|edit`, or the button under a case in `/stats show:unmatched`),
 * as Discord's modal JSON: the gateway bot shows it with discord.js, the HTTP
 * endpoint returns it as its response.
 */
import type { APIModalInteractionResponseCallbackData } from 'discord.js';
import { faqLimits } from '../faq/entry.js';
import { triggerLimits } from '../faq/triggers.js';
import { messages } from './messages.js';

const short = 1;
const paragraph = 2;

function input(customId: string, label: string, style: number, maxLength: number, required: boolean, value: string, placeholder?: string) {
  return {
    type: 1 as const,
    components: [
      {
        type: 4 as const,
        custom_id: customId,
        label,
        style,
        max_length: maxLength,
        required,
        ...(value ? { value } : {}),
        ...(placeholder ? { placeholder } : {}),
      },
    ],
  };
}

/** The entry's form; `fromCase` set, it also asks for the name (pre-filled) and submits to that case. */
export function renderFaqEntryForm(action: 'add' | 'edit', name: string, title = '', body = '', triggers: readonly string[] = [], fromCase: number | null = null): APIModalInteractionResponseCallbackData {
  const m = messages('en');
  const rows = [
    input('title', 'Title', short, faqLimits.title, true, title.slice(0, faqLimits.title)),
    input('body', 'Answer (text; code in ``` blocks)', paragraph, faqLimits.body, true, body.slice(0, faqLimits.body)),
    // One trigger per line: literal error text that makes the entry answer a paste by itself.
    input('triggers', m.faqTriggersLabel, paragraph, faqLimits.triggers * (triggerLimits.maxChars + 1), false, triggers.join('\n'), m.faqTriggersPlaceholder),
  ];
  // Made from a case, the name is not typed in a command option yet: the form asks for it, pre-filled.
  if (fromCase !== null) rows.unshift(input('name', 'Name (/faq topic, lower-case-with-dashes)', short, faqLimits.name, true, name));
  return {
    custom_id: (fromCase !== null ? `faq-admin:from-case:${fromCase}` : `faq-admin:${action}:${name}`).slice(0, 100),
    title: (fromCase !== null ? `New FAQ from case #${fromCase}` : `${action === 'add' ? 'New' : 'Edit'} FAQ: ${name}`).slice(0, 45),
    components: rows as APIModalInteractionResponseCallbackData['components'],
  };
}

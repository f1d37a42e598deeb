/**
 * Browser-side wording: the page carries its catalog's dashboard messages already parsed by
 * intl-messageformat on the server (`messages`, key → parts), and this small reader fills them in
 * with the browser's own `Intl.PluralRules`, so "1 Versuch" / "3 Versuche" follow the language's
 * rules without shipping a formatter or gluing "(s)" to a word. Part types are intl-messageformat's:
 * 0 literal, 1 argument, 2 number, 5 select, 6 plural, 7 the plural's `#`.
 */
export const clientSay = `
const pageLocale = document.documentElement.lang || undefined;
const pluralRules = new Intl.PluralRules(pageLocale);
const plainNumbers = new Intl.NumberFormat(pageLocale);

function fill(parts, values, count) {
  let text = '';
  for (const part of parts) {
    if (part.type === 0) text += part.value;
    else if (part.type === 1) text += String(values[part.value]);
    else if (part.type === 2) text += plainNumbers.format(values[part.value]);
    else if (part.type === 7) text += plainNumbers.format(count);
    else if (part.type === 5) {
      const chosen = part.options[values[part.value]] || part.options.other;
      text += fill(chosen.value, values, count);
    } else if (part.type === 6) {
      const value = Number(values[part.value]);
      const rest = value - (part.offset || 0);
      const chosen = part.options['=' + value] || part.options[pluralRules.select(rest)] || part.options.other;
      text += fill(chosen.value, values, rest);
    }
  }
  return text;
}

function say(key, values) {
  const parts = messages[key];
  return parts ? fill(parts, values || {}, 0) : key;
}

/** A word for a value the server sends (a status, a ticket kind); a value with no word shows as sent. */
function word(prefix, value) {
  return messages[prefix + '.' + value] ? say(prefix + '.' + value) : String(value);
}
`;

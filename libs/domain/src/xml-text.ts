/**
 * Characters XML 1.0 does not allow anywhere in a document, not even as character references (&#0; is as illegal as
 * a raw NUL): C0 controls other than tab, line feed and carriage return; U+FFFE and U+FFFF; and surrogates that are not
 * part of a pair. One of them in a ticket's text would make the whole document unreadable to every XML parser.
 */
const ILLEGAL_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with every character XML 1.0 forbids removed; all else (markup characters included) left for the writer to escape. */
export function xmlSafeText(text: string): string {
  return text.replace(ILLEGAL_IN_XML, '');
}

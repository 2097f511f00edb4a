// Escaping for XML attribute values that must come back exactly as they went in.
//
// - `& < > " '` become entities.
// - Line feed, carriage return and tab become `&#10;` `&#13;` `&#9;`: written raw, every XML parser
//   would normalize them to spaces in an attribute (XML 1.0 §3.3.3, attribute-value normalization).
// - Characters outside the BMP (emoji) are written as UTF-8, never as two `&#55357;`-style
//   references to UTF-16 surrogates: such references are not well-formed XML and break readers
//   (Signal-Android issues #1546 and #7155 on Android's KXmlSerializer output). SMS Backup & Restore
//   itself writes emoji as plain UTF-8 (SilenceIM/Silence issue #659).
// - Characters XML 1.0 forbids everywhere, even as references (§2.2 Char: C0 controls other than
//   tab/LF/CR, U+FFFE, U+FFFF, unpaired surrogates), cannot be in a well-formed file at all.
//   Android's own serializer refuses them with IllegalArgumentException (libcore KXmlSerializer,
//   "Illegal character"). We write U+FFFD in their place so the file stays valid for every reader,
//   and count them so the backup can report that a message held such a character.

export interface EscapedText {
  text: string;
  /** How many characters had to be replaced by U+FFFD because XML 1.0 cannot hold them. */
  replaced: number;
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\n': '&#10;',
  '\r': '&#13;',
  '\t': '&#9;',
};

const SPECIAL = /[&<>"'\n\r\t]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes `value` for use between double quotes in an XML attribute. */
export function escapeAttribute(value: string): EscapedText {
  let replaced = 0;
  const text = value.replace(SPECIAL, (char) => {
    const entity = ENTITIES[char];
    if (entity) return entity;
    replaced += 1;
    return '\uFFFD';
  });
  return { text, replaced };
}

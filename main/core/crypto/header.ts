// The age v1 header: the version line, one stanza per recipient, and the MAC line
// (https://age-encryption.org/v1, "Header"). Parsing is strict: anything that is not exactly
// what the spec allows is refused, so that no two headers mean the same thing.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { decodeBase64, encodeBase64 } from './base64.ts';
import { corrupt, CryptoError } from './crypto-error.ts';

export const VERSION_LINE = 'age-encryption.org/v1';
const MAC_BYTES = 32;
/** Stanza bodies are wrapped at 64 columns; a full line means another line follows. */
const BODY_COLUMNS = 64;
/** Arguments are non-empty runs of visible ASCII (VCHAR, 0x21-0x7e). */
const ARGUMENT = /^[\x21-\x7e]+$/;
const BASE64_LINE = /^[A-Za-z0-9+/]*$/;

export interface Stanza {
  /** The stanza type then its arguments, e.g. ['X25519', share] or ['scrypt', salt, '18']. */
  readonly args: readonly string[];
  readonly body: Uint8Array;
}

export interface Header {
  readonly stanzas: readonly Stanza[];
  /** The header bytes the MAC covers: everything up to and including the `---` mark. */
  readonly macMessage: Uint8Array;
  readonly mac: Uint8Array;
}

/** Serializes the stanzas and the MAC line for `fileKey`; returns the complete header bytes. */
export function writeHeader(stanzas: readonly Stanza[], fileKey: Uint8Array): Uint8Array {
  let text = `${VERSION_LINE}\n`;
  for (const stanza of stanzas) text += formatStanza(stanza);
  text += '---';
  const macMessage = Buffer.from(text, 'latin1');
  const mac = headerMac(fileKey, macMessage);
  return Buffer.concat([macMessage, Buffer.from(` ${encodeBase64(mac)}\n`, 'latin1')]);
}

/** Throws a `corrupt` error unless the header's MAC was made with `fileKey`. */
export function verifyHeaderMac(header: Header, fileKey: Uint8Array): void {
  const expected = headerMac(fileKey, header.macMessage);
  if (!timingSafeEqual(expected, header.mac)) throw corrupt('the header does not match its checksum');
}

/** Parses complete header bytes, ending with the MAC line's newline. */
export function parseHeader(bytes: Uint8Array): Header {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (!text.endsWith('\n')) throw corrupt('the header is cut short');
  const lines = text.slice(0, -1).split('\n');
  checkVersion(lines[0] ?? '');
  const stanzas: Stanza[] = [];
  let index = 1;
  while (index < lines.length) {
    const line = lines[index]!;
    if (line.startsWith('---')) {
      if (index !== lines.length - 1) throw corrupt('the header has lines after its checksum');
      return { stanzas, ...parseMacLine(text, line) };
    }
    const stanza = parseStanza(lines, index);
    stanzas.push(stanza.stanza);
    index = stanza.next;
  }
  throw corrupt('the header has no checksum line');
}

export function headerMac(fileKey: Uint8Array, macMessage: Uint8Array): Buffer {
  const macKey = Buffer.from(hkdfSync('sha256', fileKey, new Uint8Array(0), 'header', 32));
  return createHmac('sha256', macKey).update(macMessage).digest();
}

function formatStanza(stanza: Stanza): string {
  if (stanza.args.length === 0 || !stanza.args.every((arg) => ARGUMENT.test(arg))) {
    throw new Error(`Invalid age stanza arguments: ${stanza.args.join(' ')}`);
  }
  const body = encodeBase64(stanza.body);
  let text = `-> ${stanza.args.join(' ')}\n`;
  for (let at = 0; at <= body.length; at += BODY_COLUMNS) {
    // A body whose length is a multiple of 64 ends with an empty line: that is how the reader
    // knows where it ends.
    text += `${body.slice(at, at + BODY_COLUMNS)}\n`;
  }
  return text;
}

function checkVersion(line: string): void {
  if (line === VERSION_LINE) return;
  if (line.startsWith('-----BEGIN AGE ENCRYPTED FILE-----')) {
    throw new CryptoError('unsupported', 'This is an armored (text) age file; decode it with `age -d` first.');
  }
  if (line.startsWith('age-encryption.org/')) {
    throw new CryptoError('unsupported', `This age file uses a newer format (${line.slice(0, 60)}). Update Vitre.`);
  }
  throw corrupt('it does not start like an age file');
}

function parseStanza(lines: readonly string[], start: number): { stanza: Stanza; next: number } {
  const line = lines[start]!;
  if (!line.startsWith('-> ')) throw corrupt('the header has an unexpected line');
  const args = line.slice(3).split(' ');
  if (!args.every((arg) => ARGUMENT.test(arg))) throw corrupt('a recipient line is malformed');
  let body = '';
  let index = start + 1;
  for (;;) {
    const bodyLine = lines[index];
    if (bodyLine === undefined || bodyLine.length > BODY_COLUMNS || !BASE64_LINE.test(bodyLine)) {
      throw corrupt('a recipient body is malformed');
    }
    body += bodyLine;
    index += 1;
    if (bodyLine.length < BODY_COLUMNS) break;
  }
  const decoded = decodeBase64(body);
  if (decoded === undefined) throw corrupt('a recipient body is not valid base64');
  return { stanza: { args, body: decoded }, next: index };
}

function parseMacLine(text: string, line: string): { macMessage: Uint8Array; mac: Uint8Array } {
  const mac = line.startsWith('--- ') ? decodeBase64(line.slice(4)) : undefined;
  if (mac === undefined || mac.length !== MAC_BYTES) throw corrupt('the header checksum is malformed');
  const macEnd = text.length - 1 - line.length + 3;
  return { macMessage: Buffer.from(text.slice(0, macEnd), 'latin1'), mac };
}

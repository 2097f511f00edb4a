// What never leaves a record: credentials are stripped before a record is stored (Authorization,
// cookies, signed-URL parameters, access keys), and exports additionally mask phone numbers and
// message text unless the user asks for a raw export.

const SECRET_HEADERS = new Set([
  'authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-amz-security-token',
  'x-api-key', 'x-auth-token', 'x-goog-api-key', 'x-csrf-token',
]);
// Query parameters that carry credentials: SigV4 presigned URLs (X-Amz-Signature, X-Amz-Credential,
// X-Amz-Security-Token), Google (GoogleAccessId, Signature), Azure SAS (sig), OAuth (access_token).
const SECRET_PARAMETER = /sig|signature|token|key|secret|password|passwd|credential|auth|session|code|accessid/i;
// Parameters that can carry the text of a message or a contact.
const MESSAGE_PARAMETER = /^(body|text|message|msg|sms|subject|content|note|name|number|address|phone|tel)$/i;
// Access key ids: AWS (AKIA/ASIA + 16), Google service HMAC (GOOG + 20+).
const ACCESS_KEY = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b|\bGOOG[A-Z0-9]{20,}\b/g;
// A phone number: 7 or more digits, optionally led by +, grouped by spaces, dashes or brackets.
// Dots are not separators, so IP addresses and version numbers stay readable.
const PHONE = /\+?\(?\d[\d\s()-]{5,}\d/g;
// Headers whose values are numbers or dates by definition, not personal data.
const NUMERIC_HEADERS = new Set(['content-length', 'content-range', 'date', 'last-modified', 'expires', 'age', 'x-amz-date', 'etag', 'range']);

export const REDACTED = '[redacted]';
// Inside URLs the placeholder must itself be valid in a URI (HAR's url has format "uri").
export const REDACTED_IN_URL = 'REDACTED';

export type RedactionLevel = 'stored' | 'export';

function maskPhones(text: string, placeholder = REDACTED): string {
  return text.replace(PHONE, (match) => (match.replace(/\D/g, '').length >= 7 ? placeholder : match));
}

export function redactText(text: string, level: RedactionLevel, placeholder = REDACTED): string {
  const withoutKeys = text.replace(ACCESS_KEY, placeholder);
  return level === 'export' ? maskPhones(withoutKeys, placeholder) : withoutKeys;
}

export function redactUrl(url: string, level: RedactionLevel): string {
  // Most URLs carry no credentials: skip parsing them (this runs for every request the guard sees).
  if (level === 'stored' && !url.includes('@') && !SECRET_PARAMETER.test(url.slice(url.indexOf('?') + 1 || url.length))) {
    return redactText(url, level, REDACTED_IN_URL);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL we can take apart (a bare path, a CONNECT target): treat it as text.
    return redactText(url, level, REDACTED_IN_URL);
  }
  if (parsed.password !== '') parsed.password = REDACTED_IN_URL;
  if (parsed.username !== '') parsed.username = REDACTED_IN_URL;
  for (const [name, value] of [...parsed.searchParams]) {
    const secret = SECRET_PARAMETER.test(name) || (level === 'export' && MESSAGE_PARAMETER.test(name));
    if (secret) parsed.searchParams.set(name, REDACTED_IN_URL);
    else if (level === 'export') parsed.searchParams.set(name, maskPhones(value, REDACTED_IN_URL));
  }
  // Percent-encoding hides a phone number's spaces from the pattern: mask the decoded path.
  if (level === 'export') parsed.pathname = maskPhones(safeDecode(parsed.pathname), REDACTED_IN_URL);
  return redactText(parsed.toString(), level, REDACTED_IN_URL);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A malformed escape: mask what is readable as it is.
    return text;
  }
}

export function redactHeaders(headers: readonly [string, string][], level: RedactionLevel): [string, string][] {
  return headers.map(([name, value]) => {
    const lower = name.toLowerCase();
    if (SECRET_HEADERS.has(lower)) return [name, REDACTED];
    if (NUMERIC_HEADERS.has(lower)) return [name, value];
    return [name, redactText(value, level)];
  });
}

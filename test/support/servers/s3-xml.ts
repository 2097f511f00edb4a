// The few XML documents the S3 test server writes and reads (shapes from the Amazon S3 API
// Reference). Hand-written: the server needs escaping and one small parser, not a library.

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string);
}

/** `<Name>value</Name>` for each defined field, in order; nested arrays are already XML. */
export function element(name: string, fields: Record<string, string | number | boolean | undefined | string[]>): string {
  const body = Object.entries(fields).map(([key, value]) => {
    if (value === undefined) return '';
    if (Array.isArray(value)) return value.join('');
    return `<${key}>${escapeXml(String(value))}</${key}>`;
  }).join('');
  return `<${name}>${body}</${name}>`;
}

export function document(name: string, fields: Record<string, string | number | boolean | undefined | string[]>): string {
  const inner = element(name, fields).replace(`<${name}>`, `<${name} xmlns="http://s3.amazonaws.com/doc/2006-03-01/">`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${inner}`;
}

export function errorDocument(code: string, message: string, resource: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element('Error', { Code: code, Message: message, Resource: resource, RequestId: 'test' })}`;
}

/** The (PartNumber, ETag) pairs of a CompleteMultipartUpload body, in document order. */
export function completedParts(xml: string): { number: number; etag: string }[] {
  const parts: { number: number; etag: string }[] = [];
  for (const match of xml.matchAll(/<Part>([\s\S]*?)<\/Part>/g)) {
    const inner = match[1] ?? '';
    const number = /<PartNumber>\s*(\d+)\s*<\/PartNumber>/.exec(inner)?.[1];
    const etag = /<ETag>([\s\S]*?)<\/ETag>/.exec(inner)?.[1];
    if (number === undefined || etag === undefined) continue;
    parts.push({ number: Number(number), etag: etag.replace(/&quot;|"/g, '').trim() });
  }
  return parts;
}

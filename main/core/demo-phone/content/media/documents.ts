// Documents: small but real PDFs (one page of text, correct xref offsets per PDF 1.4 §3.4) and
// plain text files drawn from the text filler.
import { BytesBody, type FileBody } from '../file-body.ts';
import { FillerBody, type FillerBlock } from '../filler.ts';

function pdfEscape(text: string): string {
  return text.replace(/[\\()]/g, (c) => `\\${c}`);
}

/** A one-page PDF showing `lines` of ASCII text. */
export function pdfBytes(title: string, lines: readonly string[]): Uint8Array {
  const text = lines.map((line, i) => `BT /F1 12 Tf 72 ${720 - i * 16} Td (${pdfEscape(line)}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Title (${pdfEscape(title)}) /Producer (Vitre demo phone) >>`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefAt = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

export function pdfBody(title: string, lines: readonly string[]): FileBody {
  return new BytesBody(pdfBytes(title, lines));
}

export function textBody(filler: FillerBlock, key: number, size: number): FileBody {
  return new FillerBody(filler, key, size, 'text');
}

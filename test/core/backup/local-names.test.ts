// The mapping of phone names to local names (LAYOUT.md): safe on Windows and case-insensitive
// disks, and reversible.
import { describe, expect, it } from 'vitest';
import { decodeComponent, encodeComponent, localTreePaths } from '../../../main/core/backup/local-names.ts';

describe('local names', () => {
  it.each([
    ['plain name.jpg', 'plain name.jpg'],
    ['100%.txt', '100%25.txt'],
    ['file:name?.jpg', 'file%3Aname%3F.jpg'],
    ['star*quote".txt', 'star%2Aquote%22.txt'],
    ['a<b>c|d\\e', 'a%3Cb%3Ec%7Cd%5Ce'],
    ['line\nbreak', 'line%0Abreak'],
    ['trailing.', 'trailing%2E'],
    ['trailing space ', 'trailing space%20'],
    ['.', '%2E'],
    ['..', '%2E%2E'],
    ['CON', '%43ON'],
    ['nul.txt', '%6Eul.txt'],
    ['COM1.jpg', '%43OM1.jpg'],
    ['CONSOLE.txt', 'CONSOLE.txt'],
    ['日本語 😀.jpg', '日本語 😀.jpg'],
  ])('maps %j to %j and back', (phone, local) => {
    expect(encodeComponent(phone)).toBe(local);
    expect(decodeComponent(local)).toBe(phone);
  });

  it('shortens names over 255 bytes with a hash, keeping escapes whole', () => {
    const long = `${'é'.repeat(100)}${'?'.repeat(30)}.jpg`;
    const local = encodeComponent(long);
    expect(Buffer.byteLength(local)).toBeLessThanOrEqual(255);
    expect(local).toMatch(/~[0-9a-f]{16}$/);
    expect(local).not.toMatch(/%[0-9A-F]?~/);
    expect(encodeComponent(`${long}x`)).not.toBe(local);
  });

  it('separates case-only collisions so a case-insensitive disk keeps them apart', () => {
    const paths = ['/storage/emulated/0/P/Photo.jpg', '/storage/emulated/0/P/photo.jpg', '/storage/emulated/0/P/PHOTO.JPG', '/storage/emulated/0/p/x.jpg'];
    const local = [...localTreePaths(paths).values()];
    expect(new Set(local.map((p) => p.toLowerCase())).size).toBe(local.length);
    // The folders "P" and "p" collide too: "P" is encoded, "p" (lower case) is kept.
    expect(local).toContain('Internal storage/%50/photo.jpg');
    expect(local).toContain('Internal storage/%50/%50hoto.jpg');
    expect(local).toContain('Internal storage/p/x.jpg');
    for (const [phone, mapped] of localTreePaths(paths)) {
      expect(mapped.split('/').slice(1).map(decodeComponent).join('/')).toBe(phone.replace('/storage/emulated/0/', ''));
    }
  });

  it('puts exports at the top and other phone paths under Phone', () => {
    const local = localTreePaths(['Contacts/contacts.vcf', '/data/app/x/base.apk']);
    expect(local.get('Contacts/contacts.vcf')).toBe('Contacts/contacts.vcf');
    expect(local.get('/data/app/x/base.apk')).toBe('Phone/data/app/x/base.apk');
  });
});

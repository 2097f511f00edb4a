// Category names as people type them: the built-in ones, and custom:FOLDER only when FOLDER is a
// whole path on the phone ("custom:" alone once backed up the phone's root).
import { describe, expect, it } from 'vitest';
import { categoryNamed, UnknownCategoryError } from '../../../main/core/categories/index.ts';

describe('category names', () => {
  it('knows the built-in categories and refuses others, listing the right ones', () => {
    expect(categoryNamed('photos').name).toBe('photos');
    expect(() => categoryNamed('fotos')).toThrow(/"fotos" is not a category\. Use one of: photos, videos/);
  });

  it('takes a custom folder by /sdcard or its real path, without a final slash', () => {
    expect(categoryNamed('custom:/sdcard/WhatsApp/').name).toBe('custom:/storage/emulated/0/WhatsApp');
    expect(categoryNamed('custom:/storage/emulated/0/Recordings').name).toBe('custom:/storage/emulated/0/Recordings');
  });

  it.each(['custom:', 'custom:sdcard/WhatsApp', 'custom:/sdcard/../etc', 'custom:/sdcard/./DCIM'])('refuses %s, saying how to write a folder', (name) => {
    expect(() => categoryNamed(name)).toThrow(UnknownCategoryError);
    expect(() => categoryNamed(name)).toThrow(/does not name a folder on the phone\. Write custom: and the folder's whole path, without \. or \.\., such as custom:\/sdcard\/WhatsApp\./);
  });
});

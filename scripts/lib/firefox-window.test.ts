import { describe, expect, it } from 'vitest';
import { shortcutKeys } from './firefox-window';

describe('shortcutKeys', () => {
  it('turns a WebExtension shortcut into the keys pressed, modifiers first', () => {
    expect(shortcutKeys('Alt+Shift+G')).toEqual([
      { key: 'Alt', code: 'AltLeft', keyCode: 18 },
      { key: 'Shift', code: 'ShiftLeft', keyCode: 16 },
      { key: 'G', code: 'KeyG', keyCode: 71 },
    ]);
    expect(shortcutKeys('Ctrl+7')).toEqual([
      { key: 'Control', code: 'ControlLeft', keyCode: 17 },
      { key: '7', code: 'Digit7', keyCode: 55 },
    ]);
  });
  it('refuses what it cannot type', () => {
    expect(() => shortcutKeys('Command+G')).toThrow(/modifier Command/);
    expect(() => shortcutKeys('Alt+F5')).toThrow(/key F5/);
  });
});

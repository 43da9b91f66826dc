import { ConfigError } from '@spikeflow/core';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { FONT } from './theme.js';

/**
 * Fonts for PNG rendering (resvg has no fonts of its own).
 *
 * @example
 * const fonts: FontOptions = { fontFiles: ['/opt/fonts/DejaVuSans.ttf'] };
 */
export interface FontOptions {
  /** TrueType/OpenType files to load besides the system's (e.g. a font shipped with an app). */
  readonly fontFiles?: readonly string[];
  /** Family that `sans-serif` and unnamed text resolve to. Default `DejaVu Sans`. */
  readonly fontFamily?: string;
}

/**
 * resvg's font settings: the system fonts (`/usr/share/fonts`, `~/.fonts`, …), plus `fontFiles`,
 * with `sans-serif` mapped to `fontFamily`.
 *
 * @example
 * new Resvg(svg, { font: resvgFonts({}) });
 */
export function resvgFonts(options: FontOptions): NonNullable<ResvgRenderOptions['font']> {
  const family = options.fontFamily ?? 'DejaVu Sans';
  return { loadSystemFonts: true, fontFiles: [...(options.fontFiles ?? [])], defaultFontFamily: family, sansSerifFamily: family };
}

const checked = new Map<string, boolean>();

/**
 * True when resvg finds a font for the figures' text under `options`: it renders a word in
 * {@link FONT} and looks for inked pixels. resvg takes the first installed family of the list and
 * otherwise falls back to any installed font, so this is false only when there is no font at all
 * (a bare container). The answer is cached per options.
 *
 * @example
 * if (!hasTextFont({})) console.warn('PNG text would be missing: apt-get install fonts-dejavu-core');
 */
export function hasTextFont(options: FontOptions): boolean {
  const key = JSON.stringify([options.fontFiles ?? [], options.fontFamily ?? '']);
  let ok = checked.get(key);
  if (ok === undefined) {
    const probe = `<svg xmlns="http://www.w3.org/2000/svg" width="60" height="24"><text x="2" y="18" font-size="16" font-family="${FONT}">Hxg</text></svg>`;
    const pixels = new Resvg(probe, { font: resvgFonts(options), logLevel: 'off' }).render().pixels;
    ok = false;
    for (let k = 3; k < pixels.length; k += 4) {
      if ((pixels[k] as number) > 0) {
        ok = true;
        break;
      }
    }
    checked.set(key, ok);
  }
  return ok;
}

/**
 * Throws a `ConfigError` ('no-font') saying how to get a font when {@link hasTextFont} is false,
 * rather than writing a PNG whose labels silently vanished.
 *
 * @example
 * requireTextFont({}); // throws on a machine without fonts
 */
export function requireTextFont(options: FontOptions): void {
  if (!hasTextFont(options)) {
    throw new ConfigError(
      'no-font',
      'renderPng',
      'no font for text: none among the system fonts (/usr/share/fonts, /usr/local/share/fonts, ~/.fonts, ~/.local/share/fonts) nor in fontFiles; on Debian/Ubuntu install one with `apt-get install fonts-dejavu-core`, or pass { fontFiles: [path to a .ttf] }',
    );
  }
}

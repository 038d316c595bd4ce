/**
 * A 5x7 bitmap font, so that the generated ID cards and screenshots carry
 * readable names and numbers (a verifier compares them with the form) without
 * shipping a font file or a canvas library. Upper case only; accents are
 * folded away, as on a machine-readable zone.
 */

// Seven rows of five pixels each, top to bottom ('#' = ink).
const GLYPHS: Record<string, string> = {
  A: '.###. #...# #...# ##### #...# #...# #...#',
  B: '####. #...# #...# ####. #...# #...# ####.',
  C: '.###. #...# #.... #.... #.... #...# .###.',
  D: '####. #...# #...# #...# #...# #...# ####.',
  E: '##### #.... #.... ####. #.... #.... #####',
  F: '##### #.... #.... ####. #.... #.... #....',
  G: '.###. #...# #.... #.### #...# #...# .####',
  H: '#...# #...# #...# ##### #...# #...# #...#',
  I: '.###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.',
  J: '..### ...#. ...#. ...#. ...#. #..#. .##..',
  K: '#...# #..#. #.#.. ##... #.#.. #..#. #...#',
  L: '#.... #.... #.... #.... #.... #.... #####',
  M: '#...# ##.## #.#.# #.#.# #...# #...# #...#',
  N: '#...# #...# ##..# #.#.# #..## #...# #...#',
  O: '.###. #...# #...# #...# #...# #...# .###.',
  P: '####. #...# #...# ####. #.... #.... #....',
  Q: '.###. #...# #...# #...# #.#.# #..#. .##.#',
  R: '####. #...# #...# ####. #.#.. #..#. #...#',
  S: '.#### #.... #.... .###. ....# ....# ####.',
  T: '##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..',
  U: '#...# #...# #...# #...# #...# #...# .###.',
  V: '#...# #...# #...# #...# #...# .#.#. ..#..',
  W: '#...# #...# #...# #.#.# #.#.# #.#.# .#.#.',
  X: '#...# #...# .#.#. ..#.. .#.#. #...# #...#',
  Y: '#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..',
  Z: '##### ....# ...#. ..#.. .#... #.... #####',
  '0': '.###. #...# #..## #.#.# ##..# #...# .###.',
  '1': '..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.',
  '2': '.###. #...# ....# ...#. ..#.. .#... #####',
  '3': '####. ....# ....# .###. ....# ....# ####.',
  '4': '...#. ..##. .#.#. #..#. ##### ...#. ...#.',
  '5': '##### #.... ####. ....# ....# #...# .###.',
  '6': '..##. .#... #.... ####. #...# #...# .###.',
  '7': '##### ....# ...#. ..#.. .#... .#... .#...',
  '8': '.###. #...# #...# .###. #...# #...# .###.',
  '9': '.###. #...# #...# .#### ....# ...#. .##..',
  '<': '...#. ..#.. .#... #.... .#... ..#.. ...#.',
  '.': '..... ..... ..... ..... ..... .##.. .##..',
  ',': '..... ..... ..... ..... .##.. ..#.. .#...',
  '-': '..... ..... ..... ##### ..... ..... .....',
  '/': '....# ....# ...#. ..#.. .#... #.... #....',
  ':': '..... .##.. .##.. ..... .##.. .##.. .....',
  "'": '..#.. ..#.. .#... ..... ..... ..... .....',
  '&': '.##.. #..#. #.#.. .#... #.#.# #..#. .##.#',
  '@': '.###. #...# #.### #.#.# #.##. #.... .####',
  '!': '..#.. ..#.. ..#.. ..#.. ..#.. ..... ..#..',
  '(': '...#. ..#.. .#... .#... .#... ..#.. ...#.',
  ')': '.#... ..#.. ...#. ...#. ...#. ..#.. .#...',
};

/** Each glyph as 35 booleans, row-major. */
const BITMAPS = new Map<string, readonly boolean[]>(
  Object.entries(GLYPHS).map(([ch, rows]) => {
    const bits = Array.from(rows.replaceAll(' ', ''), (c) => c === '#');
    if (bits.length !== 35) throw new Error(`glyph ${ch} is not 5x7`);
    return [ch, bits];
  }),
);

export const GLYPH_WIDTH = 5;
export const GLYPH_HEIGHT = 7;

/** Folds accents and case so that "Léa Müller" prints as "LEA MULLER". */
export function toFontText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase();
}

/**
 * Calls `plot(x, y)` for every ink pixel of `text` at `scale`, starting at
 * (x0, y0) top-left; characters are 6 * scale apart. Unknown characters are blanks.
 */
export function rasterizeText(
  text: string,
  x0: number,
  y0: number,
  scale: number,
  plot: (x: number, y: number) => void,
): void {
  let cx = x0;
  for (const ch of toFontText(text)) {
    const bits = BITMAPS.get(ch);
    if (bits) {
      for (let i = 0; i < 35; i++) {
        if (!bits[i]) continue;
        const gx = cx + (i % 5) * scale;
        const gy = y0 + Math.floor(i / 5) * scale;
        for (let dy = 0; dy < scale; dy++) for (let dx = 0; dx < scale; dx++) plot(gx + dx, gy + dy);
      }
    }
    cx += (GLYPH_WIDTH + 1) * scale;
  }
}

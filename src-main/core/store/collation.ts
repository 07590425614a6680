/**
 * How text is ordered, as every store promises it. A store sorts and groups on its own side (grid pages,
 * facets, summaries) while the core orders some of the same values in memory (summary and Insights ties);
 * both must give one order, or a sheet and the grid disagree on who comes first.
 *
 * The rule: text compares by its Unicode code points, which is the order of its UTF-8 bytes. It is exact
 * (case and accents count: "Z" < "a" < "á"), the same on every machine and locale, and what a store gives
 * without a collation library: SQLite's default BINARY collation over UTF-8 text, PostgreSQL's `COLLATE "C"`
 * over a UTF8 database. It is not JavaScript's `<` on strings, which compares UTF-16 code units and puts an
 * emoji (a surrogate pair, 0xD800-0xDFFF) before the characters of U+E000-U+FFFF (CJK compatibility forms,
 * halfwidth kana, U+FFFD).
 *
 * A lone surrogate (invalid UTF-16, which hostile API text can carry) orders by its own value (0xD800-0xDFFF):
 * after U+D7FF, before U+E000, which is where SQLite puts the three bytes it stores for one.
 *
 * What stores also promise around it: a grid sort breaks ties by creation
 * order (id) and puts a missing value first ascending and last descending; long text (body, answer,
 * comments, attachments) sorts on its first 100 characters; facets list values by count, most first, ties
 * by this rule. Search is a separate matter: it ignores case and accents.
 */

function isHigh(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLow(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** The code point starting at index `i` of `s` (a lone surrogate is its own value). */
function codePointAt(s: string, i: number): number {
  const unit = s.charCodeAt(i);
  if (isHigh(unit) && i + 1 < s.length && isLow(s.charCodeAt(i + 1))) return (unit - 0xd800) * 0x400 + (s.charCodeAt(i + 1) - 0xdc00) + 0x10000;
  return unit;
}

/** -1, 0 or 1 as `a` sorts before, with or after `b` by the stores' rule (UTF-8 byte order). */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let k = 0;
  while (k < n && a.charCodeAt(k) === b.charCodeAt(k)) k++;
  if (k === a.length && k === b.length) return 0;
  // The first difference may fall inside a pair whose high half both share: compare from the pair's start.
  if (k > 0 && isHigh(a.charCodeAt(k - 1))) k--;
  for (;;) {
    if (k >= a.length) return k >= b.length ? 0 : -1;
    if (k >= b.length) return 1;
    const x = codePointAt(a, k);
    const y = codePointAt(b, k);
    if (x !== y) return x < y ? -1 : 1;
    // Equal code points span the same number of units in both.
    k += x > 0xffff ? 2 : 1;
  }
}

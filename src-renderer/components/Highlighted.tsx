import { memo } from 'react';
import { highlightPieces } from '../format/text';

/** Text with the search words marked; `dir="auto"` lets Arabic or Hebrew lay out right to left on its own. */
export const Highlighted = memo(function Highlighted({ text, terms }: { text: string; terms: readonly string[] }) {
  const pieces = highlightPieces(text, terms);
  return (
    <bdi dir="auto" className="text">
      {pieces.map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : p.text))}
    </bdi>
  );
});

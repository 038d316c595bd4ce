/**
 * Text whose e-mail addresses may wrap after their @ and dots (lib/address-breaks.ts),
 * as text nodes with <wbr> between the pieces (never parsed as HTML).
 */
import { Fragment } from 'react';
import type { ReactNode } from 'react';
import { addressPieces } from '../lib/address-breaks.js';

export function TextWithBreaks({ text }: { text: string }): ReactNode {
  if (!text.includes('@')) return text;
  return addressPieces(text).map((p, i) => (
    <Fragment key={i}>
      {p.text}
      {p.breakAfter && <wbr />}
    </Fragment>
  ));
}

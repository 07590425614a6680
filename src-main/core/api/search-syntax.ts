/**
 * Search rules the UI and the store share: how a search text is read (parser), which words it matches
 * (tokens, folding), how matches are marked, and how an HTML e-mail becomes the words a reader sees.
 * Pure functions with no Node or Electron dependency (they live in core/search), so the renderer can
 * import them from here.
 */
export { parseSearch, type ParsedSearch, type SearchTerm } from '../search/query';
export { fold } from '../search/tokens';
export { highlightPieces, highlightTermsOf, matchRanges, type Piece } from '../search/highlight';
export { htmlToText, looksLikeHtml } from './html-text';

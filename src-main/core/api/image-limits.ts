/**
 * Bounds of a chart image sent to `insights/save-image`, shared by the contract (which refuses anything
 * longer before decoding) and the service (which checks the decoded bytes). No zod and no Node here: the
 * renderer reads the same numbers.
 */
/** A chart drawn at twice the screen's density is well under 1 MB; 20 MB leaves room for a 4K wall display. */
export const SAVE_IMAGE_MAX_BYTES = 20 * 1024 * 1024;
/** What a canvas hands out: `data:image/png;base64,` followed by the bytes in base64 (4 characters per 3 bytes). */
export const PNG_DATA_URL_PREFIX = 'data:image/png;base64,';
export const SAVE_IMAGE_MAX_CHARS = PNG_DATA_URL_PREFIX.length + Math.ceil(SAVE_IMAGE_MAX_BYTES / 3) * 4;
/** The longest name a chart's file may be suggested under (before `.png`). */
export const SAVE_IMAGE_MAX_NAME = 80;

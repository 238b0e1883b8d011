/** Longest label value kept; longer values are truncated so one bad value cannot bloat every scrape. */
export const MAX_LABEL_LENGTH = 128;

/** Placeholder for an empty label value, so the record is kept rather than dropped. */
export const EMPTY_LABEL = 'unknown';

// C0/C1 control characters render as invisible bytes in dashboards; newlines would need escaping.
 
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

// A lone surrogate cannot be encoded as UTF-8; the exposition must stay valid UTF-8.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A label value fit for any exposition: a string, control characters replaced, bounded length.
 * Returns undefined for a value that is not a string at all (the caller drops the record).
 */
export function labelValue(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.length === 0) return EMPTY_LABEL;
  let clean = value;
  if (clean.length > MAX_LABEL_LENGTH) {
    clean = clean.slice(0, MAX_LABEL_LENGTH);
    // Do not leave half of a surrogate pair at the cut.
    const last = clean.charCodeAt(clean.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) clean = clean.slice(0, -1);
  }
  CONTROL.lastIndex = 0;
  if (CONTROL.test(clean)) clean = clean.replace(CONTROL, ' ');
  LONE_SURROGATE.lastIndex = 0;
  if (LONE_SURROGATE.test(clean)) clean = clean.replace(LONE_SURROGATE, '\uFFFD');
  return clean;
}

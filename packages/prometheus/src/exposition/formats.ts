// The exposition formats /metrics serves, and choosing one from a request's Accept header.
import type { Family } from './model.js';
import { renderText, TEXT_CONTENT_TYPE } from './text-format.js';

export interface ExpositionFormat {
  /** A short name, for cache keys and messages. */
  readonly id: string;
  /** The response's Content-Type. */
  readonly contentType: string;
  render(families: readonly Family[]): string | Uint8Array;
}

export const TEXT_FORMAT: ExpositionFormat = { id: 'text', contentType: TEXT_CONTENT_TYPE, render: renderText };

/** The format for an Accept header; the text format 0.0.4 when nothing better is accepted. */
export function negotiate(accept: string | undefined): ExpositionFormat {
  void accept;
  return TEXT_FORMAT;
}

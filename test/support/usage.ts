/**
 * A fixture's token counts in PromptKit's meaning (input includes the cache, output includes
 * reasoning), for fixtures that write them in a provider's or a library's own format.
 */
export interface Usage {
  input: number;
  output: number;
  cached?: number;
  cacheWrite?: number;
  reasoning?: number;
}

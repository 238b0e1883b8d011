/** Comparing two expositions sample by sample, so that a comparison of timings compares equal work. */

/**
 * The samples of an exposition, each with its labels in name order: prom-client writes `le` first
 * and PromptKit last, which is the same sample.
 */
export function samples(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    // The bench's label values hold no quotes or commas, so a plain split is enough here.
    const match = /^([^{ ]+)(?:\{(.*)\})? (.+)$/.exec(line);
    if (match === null) throw new Error(`not a sample line: ${line}`);
    const [, name, labels = '', value] = match;
    out.push(`${name}{${labels.split(',').sort().join(',')}} ${value}`);
  }
  return out.sort();
}

/** Undefined when both texts hold the same samples; otherwise what differs. */
export function sameSamples(text: string, otherText: string, name: string, otherName: string): string | undefined {
  const ours = samples(text);
  const theirs = new Set(samples(otherText));
  const missing = ours.filter((sample) => !theirs.has(sample));
  if (ours.length === theirs.size && missing.length === 0) return undefined;
  return (
    `from the same records ${name} rendered ${ours.length} samples and ${otherName} ${theirs.size}; ` +
    `${missing.length} of ${name}'s are not in ${otherName}'s${missing.length > 0 ? `, e.g. ${missing[0]}` : ''}`
  );
}

import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { ConfigError } from '@promptkit/meter-provider';
import type { PriceSource } from '@promptkit/metrics';
import { parsePriceTable, Pricing, PricingError } from '@promptkit/pricing';
import type { StartMetricsOptions } from './options.js';

/** A Pricing or another object with `price()` and `info`: used as it is. */
function isPriceSource(option: object): option is PriceSource {
  return option instanceof Pricing || (typeof (option as { price?: unknown }).price === 'function' && typeof (option as { info?: unknown }).info === 'object');
}

/**
 * The price database under the overrides given (a file first, then code), read once at startup;
 * a PriceSource as given; undefined for `false`. Throws a ConfigError naming a bad price or file.
 */
export function resolvePricing(option: StartMetricsOptions['pricing']): PriceSource | undefined {
  if (option === false) return undefined;
  if (option === undefined) return new Pricing();
  if (option === null || typeof option !== 'object' || Array.isArray(option)) {
    throw new ConfigError(`pricing ${JSON.stringify(option)} is invalid: expected model prices, { file: 'prices.json' }, a Pricing or false`);
  }
  if (isPriceSource(option)) return option;
  const { file, ...inline } = option;
  const table = (value: unknown, where: string, prefix: string) => {
    try {
      return parsePriceTable(value, where);
    } catch (error) {
      throw error instanceof PricingError ? new ConfigError(`${prefix}${error.message}`) : error;
    }
  };
  const fromFile = file === undefined ? {} : table(readPriceFile(file), String(file), 'pricing.file: ');
  return new Pricing({ overrides: { ...fromFile, ...table(inline, 'pricing', '') } });
}

function readPriceFile(file: unknown): unknown {
  if (typeof file !== 'string' || file.trim() === '') {
    throw new ConfigError(`pricing.file ${JSON.stringify(file)} is invalid: expected the path of a JSON file of model prices`);
  }
  const path = resolvePath(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new ConfigError(`pricing.file '${file}' cannot be read (${path}): ${why}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigError(`pricing.file '${file}' is not valid JSON: ${(error as Error).message}`);
  }
}


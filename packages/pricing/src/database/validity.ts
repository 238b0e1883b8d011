import type { ModelInfo } from '@pydantic/genai-prices';

/** A resolved database price is probed again after a day, so prices that change by date are followed. */
export const RESOLUTION_TTL_MS = 24 * 60 * 60 * 1000;

const DAY_S = 24 * 60 * 60;
const TIME_OF_DAY = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|([+-])(\d{2}):(\d{2}))$/;

/** Seconds after midnight UTC of a time-of-day like `16:30:00Z` or `08:00:00+08:00`; undefined when unreadable. */
function secondsOfDay(time: string): number | undefined {
  const parts = TIME_OF_DAY.exec(time);
  if (parts === null) return undefined;
  const [, h, m, s, fraction = '', , sign, oh = '00', om = '00'] = parts;
  const local = Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(`0.${fraction}`);
  const offset = (Number(oh) * 60 + Number(om)) * 60 * (sign === '-' ? -1 : sign === '+' ? 1 : 0);
  return (((local - offset) % DAY_S) + DAY_S) % DAY_S;
}

/**
 * When a price resolved at `now` may next change: the next date-constrained price's start, the
 * next time-of-day boundary (off-peak prices), and at the latest {@link RESOLUTION_TTL_MS} on.
 */
export function validUntil(model: Pick<ModelInfo, 'prices'>, now: number): number {
  let until = now + RESOLUTION_TTL_MS;
  if (!Array.isArray(model.prices)) return until;
  const nowSeconds = (((now / 1000) % DAY_S) + DAY_S) % DAY_S;
  for (const { constraint } of model.prices) {
    if (constraint === undefined) continue;
    if (constraint.type === 'start_date') {
      const start = new Date(constraint.start_date).getTime();
      if (start > now && start < until) until = start;
      continue;
    }
    for (const boundary of [constraint.start_time, constraint.end_time]) {
      const seconds = secondsOfDay(boundary);
      // An unreadable boundary: look again in a minute rather than keep a price that may be stale.
      if (seconds === undefined) return Math.min(until, now + 60_000);
      const ahead = (seconds - nowSeconds + DAY_S) % DAY_S || DAY_S;
      until = Math.min(until, now + ahead * 1000);
    }
  }
  return until;
}

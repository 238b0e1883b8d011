import { reportProblem as report } from '@promptkit/events';

/** Reports a problem the adapter worked around, at most once every ten seconds per key. */
export function reportProblem(key: string, message: string): void {
  report(`ai-sdk ${key}`, `ai-sdk: ${message}`);
}

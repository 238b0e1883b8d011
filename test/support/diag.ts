import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';

/**
 * Collects the warnings and errors written to OpenTelemetry's `diag` (where PromptKit reports its
 * problems) into `lines`, until `restore()` removes the logger again.
 */
export function captureDiag(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const keep = (message: string) => void lines.push(message);
  const ignore = () => {};
  const logger: DiagLogger = { error: keep, warn: keep, info: ignore, debug: ignore, verbose: ignore };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  return { lines, restore: () => diag.disable() };
}

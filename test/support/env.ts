/**
 * Runs `fn` with exactly these OTEL_* / PROMPTKIT_* variables set (every other one of those unset),
 * then restores the environment, also when `fn` throws or rejects. For code that reads
 * `process.env` (OpenTelemetry's environment helpers do).
 */
export function withEnv<T>(vars: Record<string, string>, fn: () => T): T {
  const saved = new Map<string, string | undefined>();
  const touch = (name: string, value: string | undefined) => {
    if (!saved.has(name)) saved.set(name, process.env[name]);
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  };
  for (const name of Object.keys(process.env)) if (/^(OTEL|PROMPTKIT)_/.test(name)) touch(name, undefined);
  for (const [name, value] of Object.entries(vars)) touch(name, value);
  const restore = () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  let result: T;
  try {
    result = fn();
  } catch (error) {
    restore();
    throw error;
  }
  if (result instanceof Promise) return result.finally(restore) as T;
  restore();
  return result;
}

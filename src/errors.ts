// ConfigError is the user's to fix and reaches them verbatim; anything else is a bug in Krait.
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

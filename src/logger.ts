// Logger: the one interface the engine logs through; actionsLogger() for GitHub, consoleLogger() for the CLI.
import * as core from '@actions/core';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
}

export function actionsLogger(): Logger {
  return {
    debug: (m) => core.debug(m),
    info: (m) => core.info(m),
    warning: (m) => core.warning(m),
    error: (m) => core.error(m),
  };
}

/** Logs to stderr so stdout stays free for the report. */
export function consoleLogger(options: { verbose?: boolean; quiet?: boolean } = {}): Logger {
  const write = (m: string) => process.stderr.write(`${m}\n`);
  return {
    debug: (m) => {
      if (options.verbose) write(`debug: ${m}`);
    },
    info: (m) => {
      if (!options.quiet) write(m);
    },
    warning: (m) => write(`warning: ${m}`),
    error: (m) => write(`error: ${m}`),
  };
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = { debug: () => {}, info: () => {}, warning: () => {}, error: () => {} };

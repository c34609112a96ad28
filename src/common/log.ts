/**
 * Structured logging (pino). Quiet by default: `warn` unless ROCKETMQ_LOG_LEVEL says
 * otherwise; commands raise it to `info` for their start/stop lines.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(name: string, level?: string): Logger {
  return pino({ name, level: level ?? process.env['ROCKETMQ_LOG_LEVEL'] ?? 'warn' });
}

/** A logger that drops everything, for library users who pass none. */
export const silentLogger: Logger = pino({ level: 'silent' });

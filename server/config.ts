// The server's typed configuration. `resolveConfig` fills defaults so callers (CLI, tests) name
// only what they change.
import type { LevelWithSilent } from 'pino';

export interface ServerConfig {
  /** SQLite file; created (with parent folders) and migrated on first start. */
  dbPath: string;
  /** Folder of the lab's Sigma rules (searched recursively; mappings/ and fieldmaps/ are skipped). */
  rulesDir: string;
  /** Load the rules at start (the replay needs them; tests of other parts may skip it). */
  loadRules: boolean;
  /** Reload the rules when files under rulesDir change. */
  watchRules: boolean;
  host: string;
  port: number;
  logLevel: LevelWithSilent;
  /** Where pino writes JSON log lines (default: stdout). */
  logStream?: { write(line: string): void };
  /**
   * Trust X-Forwarded-* from a reverse proxy in front of the server (then the login rate limit is
   * per real client address instead of per proxy).
   */
  trustProxy: boolean;
  /**
   * Secret that signs the CSRF cookie. When absent, a random secret is generated on first start and
   * kept in the database, so restarts do not invalidate browsers' tokens.
   */
  cookieSecret?: string;
  /** Send cookies with `Secure` (set when served over HTTPS). */
  secureCookies: boolean;
  /** Login session lifetime. */
  sessionTtlHours: number;
  /** Largest accepted request body, in bytes. */
  bodyLimitBytes: number;
  /** Login attempts allowed per client IP per window. */
  loginRateLimit: { max: number; timeWindowMs: number };
  /** Create demo accounts and a demo cohort when the database has no users. */
  seedDemo: boolean;
  /** Serve the OpenAPI description and Swagger UI at /docs. */
  docs: boolean;
  /**
   * Folder of per-exercise files (generated scenario events under exercises/<id>/). Default: the
   * database file's folder (a temp folder for ":memory:").
   */
  dataDir?: string;
  /** Background volume of generated exercise streams (the generator's --scale; 1 = a normal day). */
  exerciseScale: number;
  /** Run the replay runner (replays of running exercises advance and raise alerts). */
  replay: boolean;
}

export const DEFAULT_CONFIG: ServerConfig = {
  dbPath: 'data/soclab.db',
  rulesDir: 'rules',
  loadRules: true,
  watchRules: false,
  host: '127.0.0.1',
  port: 3000,
  logLevel: 'info',
  trustProxy: false,
  secureCookies: false,
  sessionTtlHours: 12,
  bodyLimitBytes: 256 * 1024,
  loginRateLimit: { max: 10, timeWindowMs: 60_000 },
  seedDemo: true,
  docs: true,
  exerciseScale: 1,
  replay: true,
};

export function resolveConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  const config = { ...DEFAULT_CONFIG, ...overrides };
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) {
    throw new Error(`port must be an integer 0-65535, got ${String(config.port)}`);
  }
  if (config.cookieSecret !== undefined && config.cookieSecret.length < 32) {
    throw new Error('cookieSecret must be at least 32 characters');
  }
  if (!(config.bodyLimitBytes > 0)) throw new Error('bodyLimitBytes must be positive');
  if (!(config.sessionTtlHours > 0)) throw new Error('sessionTtlHours must be positive');
  if (!(config.exerciseScale >= 0) || !Number.isFinite(config.exerciseScale)) throw new Error('exerciseScale must be a finite number >= 0');
  return config;
}

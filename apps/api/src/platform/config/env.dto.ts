import { Transform, plainToInstance } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf, validateSync } from 'class-validator';

const PROXY = String.raw`(?:loopback|linklocal|uniquelocal|\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?|[0-9a-fA-F:]*:[0-9a-fA-F:.]*(?:\/\d{1,3})?)`;
const TRUSTED_PROXIES = new RegExp(`^(?:\\s*${PROXY}\\s*(?:,\\s*${PROXY}\\s*)*)?$`);

/** TRUSTED_PROXIES as fastify's trustProxy: the list, or false when empty. */
export function trustedProxies(env: Pick<EnvDto, 'TRUSTED_PROXIES'>): string[] | false {
  const list = env.TRUSTED_PROXIES.split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  return list.length ? list : false;
}

/** The service's settings, read from the environment once at boot (contract: "Running"). */
export class EnvDto {
  @Matches(/^mysql:\/\/[^\s/]+(:\d+)?\/[A-Za-z0-9_]+(\?.*)?$/, { message: 'DATABASE_URL must look like mysql://user[:password]@host[:port]/database' })
  DATABASE_URL = 'mysql://root@127.0.0.1:3306/hotline';

  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must look like redis://host[:port]' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @IsString({ message: 'JWT_SECRET is required' })
  @MinLength(16, { message: 'JWT_SECRET must be at least 16 characters' })
  JWT_SECRET!: string;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'PORT must be an integer' })
  @Min(0, { message: 'PORT must be 0..65535' })
  @Max(65535, { message: 'PORT must be 0..65535' })
  PORT = 3000;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsNumber({}, { message: 'SLA_SECONDS_PER_HOUR must be a number' })
  @Min(0.001, { message: 'SLA_SECONDS_PER_HOUR must be positive' })
  SLA_SECONDS_PER_HOUR = 3600;

  @Transform(({ value }) => (value === undefined ? value : value === 'true' || value === true ? true : value === 'false' || value === false ? false : value))
  @IsBoolean({ message: 'SEED_DEMO must be true or false' })
  SEED_DEMO = false;

  @IsString()
  @MinLength(8, { message: 'DEMO_PASSWORD must be at least 8 characters' })
  DEMO_PASSWORD = 'demo12345';

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent' })
  LOG_LEVEL = 'info';

  @IsIn(['json', 'pretty'], { message: 'LOG_FORMAT must be json or pretty' })
  LOG_FORMAT: 'json' | 'pretty' = 'json';

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'JWT_EXPIRES_IN_SECONDS must be an integer' })
  @Min(60, { message: 'JWT_EXPIRES_IN_SECONDS must be at least 60' })
  JWT_EXPIRES_IN_SECONDS = 15 * 60;

  /** How long a refresh token (and so a sign-in that keeps refreshing) lasts: a shift and then some. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsNumber({}, { message: 'REFRESH_TOKEN_HOURS must be a number' })
  @Min(0.01, { message: 'REFRESH_TOKEN_HOURS must be more than 0' })
  REFRESH_TOKEN_HOURS = 12;

  /** Failed sign-ins in a row that lock an account, for LOGIN_LOCK_MINUTES. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'LOGIN_MAX_FAILURES must be a whole number' })
  @Min(1, { message: 'LOGIN_MAX_FAILURES must be at least 1' })
  LOGIN_MAX_FAILURES = 5;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsNumber({}, { message: 'LOGIN_LOCK_MINUTES must be a number' })
  @Min(0.05, { message: 'LOGIN_LOCK_MINUTES must be more than 0' })
  LOGIN_LOCK_MINUTES = 15;

  /** Failed sign-ins from one address (any accounts) within LOGIN_LOCK_MINUTES before it is refused. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'LOGIN_MAX_FAILURES_PER_ADDRESS must be a whole number' })
  @Min(1, { message: 'LOGIN_MAX_FAILURES_PER_ADDRESS must be at least 1' })
  LOGIN_MAX_FAILURES_PER_ADDRESS = 20;

  /** Sign-in attempts per minute from one address. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'LOGIN_RATE_PER_MINUTE must be a whole number' })
  @Min(1, { message: 'LOGIN_RATE_PER_MINUTE must be at least 1' })
  LOGIN_RATE_PER_MINUTE = 30;

  /** MySQL read replicas, comma-separated mysql:// URLs: lists, the wallboard, KPIs and reports read there. */
  @IsOptional()
  @Matches(/^(mysql:\/\/[^,\s]+)?(,\s*mysql:\/\/[^,\s]+)*$/, { message: 'DATABASE_REPLICA_URLS must be comma-separated mysql:// URLs' })
  DATABASE_REPLICA_URLS = '';

  /**
   * Where word searches are answered: `table`, the product's own term table in MySQL (the default); `opensearch`, an
   * OpenSearch/Elasticsearch cluster with a Chinese analyzer, fed from the database (docs/operations.md, "When to
   * switch to a search engine"). The term table is kept either way, and answers when the engine does not.
   */
  @IsIn(['table', 'opensearch'], { message: 'SEARCH_ENGINE must be table or opensearch' })
  SEARCH_ENGINE: 'table' | 'opensearch' = 'table';

  /** With SEARCH_ENGINE=opensearch: the cluster, http(s)://[user:password@]host:port. */
  @ValidateIf((e: EnvDto) => e.SEARCH_ENGINE === 'opensearch')
  @Matches(/^https?:\/\/\S+$/, { message: 'SEARCH_ENGINE_URL must look like http(s)://[user:password@]host:port when SEARCH_ENGINE=opensearch' })
  SEARCH_ENGINE_URL = '';

  /** The engine's index of tickets (created with its mapping when missing, then filled from the database). */
  @Matches(/^[a-z0-9][a-z0-9_.-]{0,99}$/, { message: 'SEARCH_ENGINE_INDEX must be a lower-case index name' })
  SEARCH_ENGINE_INDEX = 'hotline-tickets';

  /** The Chinese analyzer the cluster has installed: smartcn (analysis-smartcn plugin) or ik_max_word (IK plugin). */
  @Matches(/^[A-Za-z0-9_]+$/, { message: 'SEARCH_ENGINE_ANALYZER must be an analyzer name such as smartcn or ik_max_word' })
  SEARCH_ENGINE_ANALYZER = 'smartcn';

  /** How often worker processes send changed tickets to the search engine. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'SEARCH_FEED_MS must be a whole number of milliseconds' })
  @Min(100, { message: 'SEARCH_FEED_MS must be at least 100' })
  SEARCH_FEED_MS = 1000;

  /** On SIGTERM, how long an API instance keeps answering (readiness 503) before it stops taking requests. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'SHUTDOWN_DRAIN_MS must be a whole number of milliseconds' })
  @Min(0, { message: 'SHUTDOWN_DRAIN_MS must be 0 or more' })
  @Max(8000, { message: 'SHUTDOWN_DRAIN_MS must be at most 8000 (the whole shutdown takes at most 10 s)' })
  SHUTDOWN_DRAIN_MS = 1000;

  /**
   * Where partners reach this service from outside (e.g. https://12345.example.gov.cn, the proxy's address): Open311
   * discovery names its endpoint under it. Empty: discovery names a relative URL (/open311/v2/), never a request's Host.
   */
  @IsOptional()
  @Matches(/^$|^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, { message: 'PUBLIC_URL must be an http(s) URL such as https://12345.example.gov.cn' })
  PUBLIC_URL = '';

  /** Origins allowed to call the API from a browser, comma-separated; empty: same origin only (no CORS headers). */
  @IsOptional()
  @IsString()
  CORS_ORIGINS = '';

  /**
   * Reverse proxies whose X-Forwarded-For / -Proto are believed (comma-separated addresses or CIDR ranges, or
   * loopback / linklocal / uniquelocal); empty: none, the client is the connection's peer. The client's address
   * (sign-in limits, security log) is the last one in X-Forwarded-For not added by a trusted proxy.
   */
  @IsString()
  @Matches(TRUSTED_PROXIES, { message: 'TRUSTED_PROXIES must be comma-separated IP addresses or CIDR ranges (or loopback, linklocal, uniquelocal)' })
  TRUSTED_PROXIES = '';

  /** all: HTTP and SLA worker in one process; api: HTTP only; worker: SLA timers and sweeper only. */
  @IsIn(['all', 'api', 'worker'], { message: 'SLA_ROLE must be all, api or worker' })
  SLA_ROLE: 'all' | 'api' | 'worker' = 'all';

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsNumber({}, { message: 'SLA_SWEEP_SECONDS must be a number' })
  @Min(0.1, { message: 'SLA_SWEEP_SECONDS must be at least 0.1' })
  SLA_SWEEP_SECONDS = 5;

  /** Worker processes retrain the department routing model this often; 0: only on an admin's request. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsNumber({}, { message: 'CLASSIFIER_RETRAIN_MINUTES must be a number' })
  @Min(0, { message: 'CLASSIFIER_RETRAIN_MINUTES must be 0 or more' })
  CLASSIFIER_RETRAIN_MINUTES = 60;

  /** 积案: a ticket open longer than this many days is on the backlog register (also: reopened twice, called three times). */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsNumber({}, { message: 'BACKLOG_DAYS must be a number' })
  @Min(0.0001, { message: 'BACKLOG_DAYS must be more than 0' })
  BACKLOG_DAYS = 30;

  /**
   * Closed tickets whose closed_at is older than this many days move to the archive tables (docs/operations.md,
   * "Archive"); 0: never. 400 keeps 13 months live, so a monthly ranking or report window never loses a ticket.
   */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'ARCHIVE_AFTER_DAYS must be a whole number' })
  @Min(0, { message: 'ARCHIVE_AFTER_DAYS must be 0 (off) or more' })
  ARCHIVE_AFTER_DAYS = 400;

  /** Tickets the archive moves per transaction. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'ARCHIVE_BATCH_SIZE must be a whole number' })
  @Min(1, { message: 'ARCHIVE_BATCH_SIZE must be 1..10000' })
  @Max(10000, { message: 'ARCHIVE_BATCH_SIZE must be 1..10000' })
  ARCHIVE_BATCH_SIZE = 1000;

  /** When the worker runs the archive: a cron pattern in the centre's time zone (Asia/Shanghai). */
  @Matches(/^\S+( \S+){4,5}$/, { message: 'ARCHIVE_CRON must be a cron pattern of 5 or 6 fields' })
  ARCHIVE_CRON = '30 2 * * *';

  /** A hotspot: this many tickets about the same problem in the same area ... */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'HOTSPOT_THRESHOLD must be a whole number' })
  @Min(2, { message: 'HOTSPOT_THRESHOLD must be at least 2' })
  HOTSPOT_THRESHOLD = 5;

  /** ... within this many minutes. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsNumber({}, { message: 'HOTSPOT_WINDOW_MINUTES must be a number' })
  @Min(1, { message: 'HOTSPOT_WINDOW_MINUTES must be at least 1' })
  HOTSPOT_WINDOW_MINUTES = 60;

  @Matches(/^[A-Za-z0-9{}_.-]{1,64}$/, { message: 'QUEUE_PREFIX must be 1-64 letters, digits, {, }, _, . or -' })
  QUEUE_PREFIX = '{hotline}';

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'BODY_LIMIT_BYTES must be an integer' })
  @Min(1024, { message: 'BODY_LIMIT_BYTES must be at least 1024' })
  BODY_LIMIT_BYTES = 64 * 1024;

  /** Shared secret of the telephony system's signed call events (HMAC-SHA256); empty: POST /cti/events answers 503. */
  @IsString()
  @Matches(/^$|^.{16,}$/, { message: 'CTI_SECRET must be empty (telephony off) or at least 16 characters' })
  CTI_SECRET = '';

  /** How far a call event's timestamp may be from now, in seconds (older or newer: refused as a possible replay). */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'CTI_WINDOW_SECONDS must be an integer' })
  @Min(10, { message: 'CTI_WINDOW_SECONDS must be at least 10' })
  @Max(3600, { message: 'CTI_WINDOW_SECONDS must be at most 3600' })
  CTI_WINDOW_SECONDS = 300;

  /** When set, /metrics asks for `Authorization: Bearer <METRICS_TOKEN>`; otherwise keep /metrics on an internal network. */
  @IsString()
  METRICS_TOKEN = '';

  /** Figures of an ended period (rankings, bulletins) are kept this long; a running period's at most 30 s. 0: never kept. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'FIGURES_CACHE_SECONDS must be an integer' })
  @Min(0, { message: 'FIGURES_CACHE_SECONDS must be 0 or more' })
  FIGURES_CACHE_SECONDS = 600;

  /** 预警: the period counts are compared over (Asia/Shanghai day, Monday-to-Sunday week or month). */
  @IsIn(['day', 'week', 'month'], { message: 'WARNING_PERIOD must be day, week or month' })
  WARNING_PERIOD: 'day' | 'week' | 'month' = 'week';

  /** A count more than this many percent above the average of the periods before raises a warning. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsNumber({}, { message: 'WARNING_GROWTH_PERCENT must be a number' })
  @Min(0, { message: 'WARNING_GROWTH_PERCENT must be at least 0' })
  WARNING_GROWTH_PERCENT = 50;

  /** ... once the count has reached this (1 -> 2 tickets is no epidemic). */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'WARNING_MIN_COUNT must be an integer' })
  @Min(1, { message: 'WARNING_MIN_COUNT must be at least 1' })
  WARNING_MIN_COUNT = 10;

  /** How many periods before make the baseline. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'WARNING_BASELINE_PERIODS must be an integer' })
  @Min(1, { message: 'WARNING_BASELINE_PERIODS must be 1..12' })
  @Max(12, { message: 'WARNING_BASELINE_PERIODS must be 1..12' })
  WARNING_BASELINE_PERIODS = 3;

  /** Processes running the SLA worker (SLA_ROLE all or worker) check for warnings this often; 0: only on request. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'WARNING_CHECK_SECONDS must be an integer' })
  @Min(0, { message: 'WARNING_CHECK_SECONDS must be 0 (on request only) or more' })
  WARNING_CHECK_SECONDS = 300;

  /** A process with SLA_ROLE=worker serves no HTTP; with this set it serves /metrics (and /health) on this port. 0: off. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'METRICS_PORT must be an integer' })
  @Min(0, { message: 'METRICS_PORT must be 0 (off) or a port' })
  @Max(65535, { message: 'METRICS_PORT must be 0 (off) or a port' })
  METRICS_PORT = 0;
}

export class ConfigError extends Error {}

/** Validates the environment; throws one line naming the first bad or missing variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): EnvDto {
  const keys = Object.keys(new EnvDto()).concat('JWT_SECRET');
  const given: Record<string, unknown> = {};
  for (const k of keys) if (source[k] !== undefined && source[k] !== '') given[k] = source[k];
  const env = plainToInstance(EnvDto, given, { exposeDefaultValues: true });
  const errors = validateSync(env, { stopAtFirstError: true });
  if (errors.length) {
    const e = errors[0];
    const why = Object.values(e.constraints ?? {})[0] ?? 'is invalid';
    throw new ConfigError(`Invalid setting ${e.property}: ${why}`);
  }
  return env;
}

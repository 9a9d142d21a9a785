/**
 * Named presets: what frameworks write when nobody configures their logging, read from their sources
 * (the Debian 12 packages: gunicorn 20.1, uvicorn 0.17, Django 3.2, Flask and Werkzeug 2.2, Celery 5.2,
 * Tornado 6.2, Scrapy 2.8, loguru 0.6, structlog 22.3; CPython's logging). A formatter's style may be another library's
 * (gunicorn's access_log_format, loguru's format=). A preset is every formatter the framework's default setup
 * writes one console through, so a preset of several formatters is a multi-format input (`check`, the
 * collectors); where a command takes one format, `NAME#KEY` chooses it. Pure: values in, values out.
 */
import { CONSOLE_FORMAT, STRUCTLOG_TIME } from './console.js';
import { GUNICORN_DEFAULT_FORMAT } from './gunicorn.js';
import { editDistance } from './hints.js';
import { LOGURU_FORMAT } from './loguru.js';
import type { FormatTime } from './strftime.js';
import { BASIC_FORMATS, type Style } from './tokenize.js';

export interface PresetFormatter {
  /** Chooses this formatter where a command takes one (`--preset uvicorn#access`). */
  readonly key: string;
  readonly format: string;
  readonly style: Style;
  readonly datefmt: string | null;
  /** The framework's Formatter subclass prints asctime its own way (Airflow's TimezoneAware). */
  readonly formatTime?: FormatTime;
  /** Where the framework sets it: the file, from its package directory, and the name in that file. */
  readonly source: string;
}

export interface Preset {
  readonly name: string;
  readonly description: string;
  readonly formatters: readonly [PresetFormatter, ...PresetFormatter[]];
}

/**
 * airflow/utils/log/timezone_aware.py TimezoneAware: default_time_format '%Y-%m-%dT%H:%M:%S', default_msec_format
 * '%s.%03d', default_tz_format '%z', both added after a datefmt too (its formatTime, on pendulum's local time).
 */
const TIMEZONE_AWARE: FormatTime = { timeFormat: '%Y-%m-%dT%H:%M:%S', millis: '.', tzFormat: '%z', withDatefmt: true };

/** A handler given no formatter formats with `logging.Formatter()`, whose format is '%(message)s'. */
const MESSAGE = '%(message)s';

const UVICORN_ACCESS = {
  key: 'access',
  format: '%(levelprefix)s %(client_addr)s - "%(request_line)s" %(status_code)s',
  style: '%',
  datefmt: null,
  source: 'uvicorn/config.py LOGGING_CONFIG formatters.access',
} as const satisfies PresetFormatter;

const CELERY_TASK = {
  key: 'task',
  format: '[%(asctime)s: %(levelname)s/%(processName)s] %(task_name)s[%(task_id)s]: %(message)s',
  style: '%',
  datefmt: null,
  source: 'celery/app/defaults.py DEFAULT_TASK_LOG_FMT (worker_task_log_format)',
} as const satisfies PresetFormatter;

export const PRESETS = [
  {
    name: 'gunicorn',
    description: "gunicorn's error log (stderr), and hypercorn's, which copies it. The access log is off unless --access-logfile is given, and its lines are access_log_format's",
    formatters: [{
      key: 'error',
      format: '%(asctime)s [%(process)d] [%(levelname)s] %(message)s',
      style: '%',
      datefmt: '[%Y-%m-%d %H:%M:%S %z]',
      source: 'gunicorn/glogging.py Logger.error_fmt, Logger.datefmt (= CONFIG_DEFAULTS formatters.generic)',
    }],
  },
  {
    name: 'gunicorn-access',
    description: "gunicorn's access log (off unless --access-logfile is given; '-' is stdout) in its default access_log_format",
    formatters: [{
      key: 'access',
      format: GUNICORN_DEFAULT_FORMAT,
      style: 'gunicorn',
      datefmt: null,
      source: 'gunicorn/config.py AccessLogFormat.default',
    }],
  },
  {
    name: 'uvicorn',
    description: "uvicorn's console: its own messages (stderr) and the access log (stdout), with colour off",
    formatters: [{
      key: 'default',
      format: '%(levelprefix)s %(message)s',
      style: '%',
      datefmt: null,
      source: 'uvicorn/config.py LOGGING_CONFIG formatters.default',
    }, UVICORN_ACCESS],
  },
  {
    name: 'uvicorn-access',
    description: "uvicorn's access log alone (stdout), with colour off",
    formatters: [UVICORN_ACCESS],
  },
  {
    name: 'django-runserver',
    description: "manage.py runserver: its request lines (the django.server logger) and, under DEBUG, the django logger's console handler",
    formatters: [{
      key: 'server',
      format: '[{server_time}] {message}',
      style: '{',
      datefmt: null,
      source: "django/utils/log.py DEFAULT_LOGGING formatters['django.server']",
    }, {
      key: 'console',
      format: MESSAGE,
      style: '%',
      datefmt: null,
      source: 'django/utils/log.py DEFAULT_LOGGING handlers.console (no formatter)',
    }],
  },
  {
    name: 'flask-dev',
    description: "flask run: Werkzeug's request lines and the app logger's default handler (both on stderr)",
    formatters: [{
      key: 'werkzeug',
      format: MESSAGE,
      style: '%',
      datefmt: null,
      source: 'werkzeug/_internal.py _log: _ColorStreamHandler() (no formatter)',
    }, {
      key: 'app',
      format: '[%(asctime)s] %(levelname)s in %(module)s: %(message)s',
      style: '%',
      datefmt: null,
      source: 'flask/logging.py default_handler',
    }],
  },
  {
    name: 'celery-worker',
    description: "celery worker: the worker's messages and its tasks' (task loggers take the task format), colour off",
    formatters: [{
      key: 'worker',
      format: '[%(asctime)s: %(levelname)s/%(processName)s] %(message)s',
      style: '%',
      datefmt: null,
      source: 'celery/app/defaults.py DEFAULT_PROCESS_LOG_FMT (worker_log_format)',
    }, CELERY_TASK],
  },
  {
    name: 'celery-task',
    description: "a Celery task logger's records alone (celery.utils.log.get_task_logger)",
    formatters: [CELERY_TASK],
  },
  {
    name: 'tornado',
    description: "Tornado's LogFormatter, installed by tornado.options.parse_command_line (%(color)s is empty off a terminal)",
    formatters: [{
      key: 'default',
      format: '%(color)s[%(levelname)1.1s %(asctime)s %(module)s:%(lineno)d]%(end_color)s %(message)s',
      style: '%',
      datefmt: '%y%m%d %H:%M:%S',
      source: 'tornado/log.py LogFormatter.DEFAULT_FORMAT, LogFormatter.DEFAULT_DATE_FORMAT',
    }],
  },
  {
    name: 'scrapy',
    description: "scrapy crawl and runspider: Scrapy's LOG_FORMAT and LOG_DATEFORMAT settings",
    formatters: [{
      key: 'default',
      format: '%(asctime)s [%(name)s] %(levelname)s: %(message)s',
      style: '%',
      datefmt: '%Y-%m-%d %H:%M:%S',
      source: 'scrapy/settings/default_settings.py LOG_FORMAT, LOG_DATEFORMAT',
    }],
  },
  {
    name: 'basicConfig',
    description: "logging.basicConfig() without format=, as aiohttp's `python -m aiohttp.web` and waitress-serve call it",
    formatters: [{
      key: 'default',
      format: BASIC_FORMATS['%'],
      style: '%',
      datefmt: null,
      source: 'logging/__init__.py BASIC_FORMAT (CPython)',
    }],
  },
  {
    name: 'airflow',
    description: "Airflow 2's components and task logs (the console without a terminal prints the same text): LOG_FORMAT through TimezoneAware, whose asctime is local ISO 8601 with milliseconds and the UTC offset, 2026-12-01T11:17:59.123+0000",
    formatters: [{
      key: 'default',
      format: '[%(asctime)s] {%(filename)s:%(lineno)d} %(levelname)s - %(message)s',
      style: '%',
      datefmt: null,
      formatTime: TIMEZONE_AWARE,
      source: 'airflow/config_templates/config.yml [logging] log_format, airflow/config_templates/airflow_local_settings.py LOG_FORMATTER_CLASS (utils/log/timezone_aware.py TimezoneAware)',
    }],
  },
  {
    name: 'structlog-console',
    description: "structlog unconfigured: ConsoleRenderer's padded, sorted key=value lines on stdout, in colour where stdout is a terminal (read with and without), tracebacks after the line",
    formatters: [{
      key: 'default',
      format: CONSOLE_FORMAT,
      style: 'structlog-console',
      datefmt: STRUCTLOG_TIME,
      source: 'structlog/_config.py _BUILTIN_DEFAULT_PROCESSORS (TimeStamper(fmt="%Y-%m-%d %H:%M:%S")), structlog/dev.py ConsoleRenderer',
    }],
  },
  {
    name: 'loguru-default',
    description: "loguru's default sink: stderr, colour off where stderr is no terminal, tracebacks with backtrace and diagnose (the variables' values under each frame)",
    formatters: [{
      key: 'default',
      format: LOGURU_FORMAT,
      style: 'loguru',
      datefmt: null,
      source: 'loguru/_defaults.py LOGURU_FORMAT',
    }],
  },
] as const satisfies readonly Preset[];

export type PresetName = (typeof PRESETS)[number]['name'];

export const PRESET_NAMES: readonly PresetName[] = PRESETS.map((p) => p.name);

/**
 * `NAME[#KEY[,KEY...]]`: the formatters it names (a key, or a 1-based position), or an error. Without a
 * key, all of the preset's where `several` formats may share a stream, else its only one.
 */
export function presetFormatters(spec: string, several: boolean): { preset: Preset; formatters: PresetFormatter[] } | { error: string } {
  const hash = spec.indexOf('#');
  const [name, keys] = hash >= 0 ? [spec.slice(0, hash), spec.slice(hash + 1).split(',')] : [spec, null];
  const preset: Preset | undefined = PRESETS.find((p) => p.name === name);
  if (preset === undefined) {
    const near = nearPresets(name);
    return { error: `no preset '${name}'${near.length > 0 ? `; did you mean ${near.join(' or ')}?` : '.'} Presets: ${PRESET_NAMES.join(', ')}` };
  }
  const choices = () => preset.formatters.map((f) => `${preset.name}#${f.key}`).join(', ');
  if (keys === null) {
    if (several || preset.formatters.length === 1) return { preset, formatters: [...preset.formatters] };
    return { error: `preset ${preset.name} has ${preset.formatters.length} formatters and this command takes one: choose ${choices()}` };
  }
  if (keys.length > 1 && !several) return { error: `${spec}: this command takes one format; name one formatter (${choices()})` };
  const formatters: PresetFormatter[] = [];
  for (const key of keys) {
    const found = preset.formatters.find((f) => f.key === key) ?? preset.formatters[Number(key) - 1];
    if (found === undefined) return { error: `preset ${preset.name} has no formatter '${key}': it has ${choices()}` };
    formatters.push(found);
  }
  return { preset, formatters };
}

/** Names the user probably meant: the same but for case, one the name begins (`django`), or two edits away. */
function nearPresets(name: string): string[] {
  const folded = name.toLowerCase();
  return PRESET_NAMES.filter((p) => {
    const other = p.toLowerCase();
    return other === folded || (folded.length >= 3 && other.startsWith(folded)) || editDistance(folded, other) <= 2;
  });
}

#!/usr/bin/python3
"""Capture what gunicorn and loguru print in their defaults, for the presets of their own styles
(gunicorn-access, loguru-default), with the text each field of the format printed.

- gunicorn-access: Debian's gunicorn serves scripts/capture_gunicorn.py's app on 127.0.0.1 with
  `--access-logfile -` and no --access-logformat (config.py AccessLogFormat.default), and gets
  capture_gunicorn's hostile REQUESTS. Its stdout is the access log: fixtures/presets/gunicorn-access.log.
  capture_gunicorn.RecordingLogger (gunicorn's Logger, its `access` unchanged) records each atom's text.
- loguru-default: a child Python imports loguru and logs, without removing or configuring its default
  sink (sys.stderr, LOGURU_FORMAT, backtrace=True, diagnose=True, colour off since stderr is a file):
  hostile messages, bound extras, a multi-line message, exceptions (a chain, and one raised deep in
  capture_loguru.handle's calls, whose variables diagnose annotates). Its stderr is fixtures/presets/loguru-default.log. A second
  sink, a function, records each field's text (capture_loguru.field_text); each record's text in the
  stream runs from its line to the next record's.

- airflow: Airflow is not in Debian (and PyPI is out of reach), so a child Python sets up logging as
  airflow_local_settings.py DEFAULT_LOGGING_CONFIG does, with formatter classes that print what Airflow's do:
  TimezoneAware (utils/log/timezone_aware.py: pendulum's local time as '%Y-%m-%dT%H:%M:%S', '.%03d' of
  msecs, then '%z') for the task file, and colorlog's TTYColoredFormatter with TimezoneAware's asctime
  (utils/log/colored_log.py CustomTTYColoredFormatter) on stdout, which is no terminal. Hostile messages,
  a multi-line one, tracebacks, in America/St_Johns (-0330). Its stdout is fixtures/presets/airflow.log,
  and the task file must hold the same text. A third handler records each field's text. A fourth, whose
  TimezoneAware is given a datefmt (after which it still adds the milliseconds and the zone), writes
  fixtures/presets/airflow-datefmt.{log,json}.

Each .json holds the format and, per record, its 1-based first and last line and its fields (loguru's
`message` with the traceback after it, as `check` gives it).

    /usr/bin/python3 scripts/capture_presets.py [--out DIR] [NAME...]
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import capture_gunicorn  # noqa: E402

PY = "/usr/bin/python3"
OUT = HERE.parent / "fixtures" / "presets"


def gunicorn_access(out):
    with tempfile.TemporaryDirectory() as tmp:
        atoms = Path(tmp, "atoms.jsonl")
        port = capture_gunicorn.free_port()
        env = {**os.environ, "TZ": "Asia/Kolkata", "LC_ALL": "C.UTF-8", "PYTHONPATH": str(HERE), "PYLOGRX_ATOMS": str(atoms)}
        argv = [PY, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--access-logfile", "-",
                "--logger-class", "capture_gunicorn.RecordingLogger", "capture_gunicorn:app"]
        with open(Path(tmp, "stdout"), "wb") as stdout:
            proc = subprocess.Popen(argv, env=env, cwd=tmp, stdout=stdout, stderr=subprocess.DEVNULL)
            try:
                capture_gunicorn.wait_listening(port, proc)
                for line, headers in capture_gunicorn.REQUESTS:
                    capture_gunicorn.send(port, line, headers)
            finally:
                time.sleep(0.3)
                os.kill(proc.pid, signal.SIGTERM)
                proc.wait(timeout=30)
        written = Path(tmp, "stdout").read_text(encoding="utf-8")
        recorded = [json.loads(l) for l in atoms.read_text(encoding="utf-8").splitlines()]
    lines = written.split("\n")[:-1]
    if lines != [r["line"] for r in recorded]:
        raise SystemExit("gunicorn-access: the lines gunicorn wrote are not the lines its atoms give")
    records = [{"line": i + 1, "end_line": i + 1, "fields": r["fields"]} for i, r in enumerate(recorded)]
    return capture_gunicorn.DEFAULT, written, records


# The child for loguru-default: the default sink untouched, a recording sink beside it.
LOGURU_CHILD = r'''
import json, os, sys
sys.path.insert(0, os.environ["PYLOGRX_SCRIPTS"])
from loguru import logger
from loguru._defaults import LOGURU_FORMAT
from capture_loguru import field_text, fields_of, handle
from loguru._colorizer import Colorizer

recorded = []
def record(message):
    r = message.record
    line = Colorizer.prepare_format(LOGURU_FORMAT).strip().format_map(dict(r, exception=""))
    recorded.append({"line": line, "fields": {n: field_text(r, n, s or "", c) for n, s, c in fields_of(LOGURU_FORMAT)}})
logger.add(record, format="{message}", level=0)

logger.info("plain message")
logger.bind(user="bob o'neil", request_id="r1").debug('quotes \' and " and {braces} and <green>markup</green>')
logger.warning("unicode: h\u00e9llo \u4e16\u754c \U0001F600 and a tab\there")
logger.success("first line\nsecond line\n  indented third")
logger.error("trailing spaces   ")
logger.log("CRITICAL", "- -")
try:
    handle({"user": "j\u00fcrgen \"x\"", "count": 0})
except ZeroDivisionError:
    logger.exception("failed: {!r}", "value")
try:
    try:
        {}["missing"]
    except KeyError as e:
        raise ValueError("chained <b>\nover two lines") from e
except ValueError:
    logger.opt(exception=True).warning("chain")
logger.info("after the tracebacks")
sys.stderr.flush()
json.dump(recorded, open(os.environ["PYLOGRX_RECORDS"], "w", encoding="utf-8"), ensure_ascii=False)
'''


def run_child(source, env, stream, drop=(), files=()):
    """Runs SOURCE as app.py (a file, not -c: loguru's diagnose annotates the source lines it can read) in a
    temporary directory, in America/St_Johns (-0330), with ENV and without the variables named or prefixed in
    DROP. Returns what it wrote on STREAM, the records it dumped to PYLOGRX_RECORDS, and the texts of FILES."""
    with tempfile.TemporaryDirectory() as tmp:
        recorded_path = Path(tmp, "records.json")
        env = {**os.environ, "TZ": "America/St_Johns", "LC_ALL": "C.UTF-8", "PYLOGRX_RECORDS": str(recorded_path), **env}
        for name in [k for k in env if any(k.startswith(d) for d in drop)]:
            del env[name]
        Path(tmp, "app.py").write_text(source, encoding="utf-8")
        run = subprocess.run([PY, "app.py"], env=env, cwd=tmp, check=True, **{stream: subprocess.PIPE})
        texts = {name: Path(tmp, name).read_text(encoding="utf-8") for name in files}
        return getattr(run, stream).decode("utf-8"), json.loads(recorded_path.read_text(encoding="utf-8")), texts


def loguru_default(out):
    from loguru._defaults import LOGURU_FORMAT

    written, recorded, _ = run_child(LOGURU_CHILD, {"PYLOGRX_SCRIPTS": str(HERE)}, "stderr", drop=("LOGURU_",))
    # Each record is its line, then the traceback loguru appends, up to the next record's line.
    starts, at = [], 0
    for r in recorded:
        at = written.index(r["line"] + "\n", at)
        if starts and written[:at].count("\n") <= starts[-1]:
            raise SystemExit("loguru-default: two records on one line")
        starts.append(written[:at].count("\n"))
        at += len(r["line"]) + 1
    if starts[0] != 0:
        raise SystemExit("loguru-default: text before the first record")
    lines = written.split("\n")[:-1]
    records = []
    for i, r in enumerate(recorded):
        end = (starts[i + 1] if i + 1 < len(starts) else len(lines)) - 1
        text = "\n".join(lines[starts[i]:end + 1])
        message = r["fields"]["message"] + text[len(r["line"]):]
        records.append({"line": starts[i] + 1, "end_line": end + 1, "fields": {**r["fields"], "message": message}})
    return LOGURU_FORMAT, written, records


AIRFLOW_LOG_FORMAT = "[%(asctime)s] {%(filename)s:%(lineno)d} %(levelname)s - %(message)s"
AIRFLOW_DATEFMT = "%d/%m/%Y %H:%M:%S"
AIRFLOW_CHILD = r'''
import json, logging, logging.config, os, sys
import colorlog, pendulum

class TimezoneAware(logging.Formatter):
    """Prints asctime as airflow/utils/log/timezone_aware.py's class does."""
    default_time_format = "%Y-%m-%dT%H:%M:%S"
    default_msec_format = "%s.%03d"
    default_tz_format = "%z"

    def formatTime(self, record, datefmt=None):
        local = pendulum.from_timestamp(record.created, tz=pendulum.local_timezone())
        stamped = self.default_msec_format % (local.strftime(datefmt or self.default_time_format), record.msecs)
        return stamped + local.strftime(self.default_tz_format)

class ColouredTimezoneAware(colorlog.TTYColoredFormatter, TimezoneAware):
    """utils/log/colored_log.py CustomTTYColoredFormatter: colorlog's, on stdout, with TimezoneAware's asctime."""
    def __init__(self, *args, **kwargs):
        kwargs["stream"] = sys.stdout
        super().__init__(*args, **kwargs)

recorded = []

class Recorder(logging.Handler):
    def emit(self, record):
        formatter = TimezoneAware()
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + formatter.formatException(record.exc_info)
        recorded.append({"asctime": formatter.formatTime(record), "filename": record.filename, "lineno": str(record.lineno),
                         "levelname": record.levelname, "message": message,
                         "dated": formatter.formatTime(record, os.environ["DATEFMT"])})

logging.config.dictConfig({
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "airflow": {"format": os.environ["LOG_FORMAT"], "class": "__main__.TimezoneAware"},
        "airflow_coloured": {"format": os.environ["COLORED_LOG_FORMAT"], "class": "__main__.ColouredTimezoneAware"},
        "dated": {"format": os.environ["LOG_FORMAT"], "datefmt": os.environ["DATEFMT"], "class": "__main__.TimezoneAware"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "airflow_coloured", "stream": "ext://sys.stdout"},
        "task": {"class": "logging.FileHandler", "formatter": "airflow", "filename": "task.log", "encoding": "utf-8"},
        "dated": {"class": "logging.FileHandler", "formatter": "dated", "filename": "dated.log", "encoding": "utf-8"},
        "recorder": {"class": "__main__.Recorder"},
    },
    "loggers": {"airflow.task": {"handlers": ["task", "dated"], "level": "DEBUG", "propagate": True}},
    "root": {"handlers": ["console", "recorder"], "level": "DEBUG"},
})
log = logging.getLogger("airflow.task")
log.info("Dependencies all met for dep_context=non-requeueable deps ti=<TaskInstance: etl.load manual__2026-12-01T11:17:59+00:00 [queued]>")
log.debug("quotes ' and \" and {braces} and %s", "[2026-12-01T00:00:00.000+0000] {fake.py:1} INFO - not a record")
log.warning("unicode: h\u00e9llo \u4e16\u754c \U0001F600 and a tab\there")
logging.getLogger("airflow.task.operators").info("first line\nsecond line\n  indented third")
log.error("trailing spaces   ")
log.critical("- -")
try:
    {}["missing"]
except KeyError:
    log.exception("Task failed with exception")
try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise ValueError("chained\nover two lines") from e
except ValueError:
    logging.getLogger("airflow.task.hooks").error("chain", exc_info=True)
log.info("Marking task as FAILED. dag_id=etl, task_id=load")
sys.stdout.flush()
json.dump(recorded, open(os.environ["PYLOGRX_RECORDS"], "w", encoding="utf-8"), ensure_ascii=False)
'''


def airflow(out):
    # config.yml [logging] colored_log_format: Airflow's console format, colour codes and all.
    coloured = ("[%(blue)s%(asctime)s%(reset)s] {%(blue)s%(filename)s:%(reset)s%(lineno)d} "
                "%(log_color)s%(levelname)s%(reset)s - %(log_color)s%(message)s%(reset)s")
    env = {"LOG_FORMAT": AIRFLOW_LOG_FORMAT, "COLORED_LOG_FORMAT": coloured, "DATEFMT": AIRFLOW_DATEFMT}
    written, recorded, files = run_child(AIRFLOW_CHILD, env, "stdout", drop=("NO_COLOR", "FORCE_COLOR"), files=("task.log", "dated.log"))
    if files["task.log"] != written:
        raise SystemExit("airflow: the console (no terminal) and the task file differ")
    plain = [{k: v for k, v in r.items() if k != "dated"} for r in recorded]
    # A formatter given a datefmt: TimezoneAware adds the milliseconds and the zone after it too.
    dated = [{**p, "asctime": r["dated"]} for p, r in zip(plain, recorded)]
    doc = {"preset": "airflow", "datefmt": AIRFLOW_DATEFMT, "format": AIRFLOW_LOG_FORMAT, "records": airflow_records("airflow-datefmt", files["dated.log"], dated)}
    (out / "airflow-datefmt.log").write_text(files["dated.log"], encoding="utf-8")
    (out / "airflow-datefmt.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return AIRFLOW_LOG_FORMAT, written, airflow_records("airflow", written, plain)


def airflow_records(name, written, recorded):
    """Each record is the format filled with its fields' texts, one after the other: nothing else is written."""
    records, line, at = [], 1, 0
    for fields in recorded:
        text = AIRFLOW_LOG_FORMAT % {**fields, "lineno": int(fields["lineno"])} + "\n"
        if not written.startswith(text, at):
            raise SystemExit(f"{name}: the record at line {line} is not what its fields print")
        end = line + text.count("\n") - 1
        records.append({"line": line, "end_line": end, "fields": fields})
        line, at = end + 1, at + len(text)
    if at != len(written):
        raise SystemExit(f"{name}: text after the last record")
    return records


CAPTURES = {"gunicorn-access": gunicorn_access, "loguru-default": loguru_default, "airflow": airflow}


def main():
    import gunicorn
    import loguru
    import pendulum

    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("names", nargs="*", choices=[[], *CAPTURES], help="the captures to rerun (default: all)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    versions = {"gunicorn-access": f"gunicorn {gunicorn.__version__}", "loguru-default": f"loguru {loguru.__version__}",
                "airflow": f"Airflow's TimezoneAware, as its source prints (pendulum {pendulum.__version__})"}
    for name, capture in CAPTURES.items():
        if args.names and name not in args.names:
            continue
        fmt, written, records = capture(args.out)
        (args.out / f"{name}.log").write_text(written, encoding="utf-8")
        doc = {"preset": name, "library": versions[name], "python": sys.version.split()[0], "format": fmt, "records": records}
        (args.out / f"{name}.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{name}: {len(records)} records", file=sys.stderr)


if __name__ == "__main__":
    main()

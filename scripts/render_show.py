#!/usr/bin/env python3
"""Render records with wide characters with CPython, for `pylogrx show`'s bracket rows.

The messages hold CJK and emoji (a skin-tone modifier, a ZWJ family, a flag) and a padded field
(`%(name)-12s`) holds CJK: Python pads by code points, a terminal draws CJK and emoji two cells wide,
so bracket rows aligned by UTF-16 units or code points would drift. One record has a traceback with a
CJK exception message, and one is written by another Formatter (a thread name where the format has
`[%(process)d]`), so it fails at `process` after asctime and levelname matched. A second case is
tab-separated, with a tab, an escape sequence and a bell in its messages.

Writes the same shape as fixtures/records/records.json, and the log itself beside it (wide.log, for
the README's example). Standard library only; CPython 3.8 to 3.13.

    python3 scripts/render_show.py [--out fixtures/show/wide.json]
"""
import argparse
import logging
from pathlib import Path

from render_records import collecting, write_cases

ROOT = Path(__file__).resolve().parent.parent

FMT = "%(asctime)s %(levelname)-8s [%(process)d] %(name)-12s %(message)s"
# Another program's formatter on the same stream: [thread] where FMT has [pid].
OTHER = "%(asctime)s %(levelname)-8s [%(threadName)s] %(name)-12s %(message)s"


def wide(log, handler):
    log.info("连接成功 ✅ 用户 👍🏽 已登录")
    log.warning("家族 👨‍👩‍👧 旗 🇯🇵 宽度 ｗｉｄｅ")
    try:
        raise ValueError("无效的值：'ｘ'")
    except ValueError:
        log.exception("查询失败 ❌")
    handler.setFormatter(logging.Formatter(OTHER))
    log.error("别的格式 🚫")
    handler.setFormatter(logging.Formatter(FMT))
    log.debug("ascii after it")


def controls(log, handler):
    log.info("a tab\there, 数据 after it")
    log.warning("an escape: \x1b[31mred\x1b[0m and a bell \x07")


# Tab-separated, with tabs and escapes in the messages: shown one cell each, as check's report shows them.
TABS = "%(asctime)s\t%(levelname)s\t%(name)s\t%(message)s"

CASES = [("wide", FMT, "数据库", wide), ("controls", TABS, "app.tabs", controls)]


def render(case_id, fmt, name, logs):
    log, handler = collecting(name, logging.Formatter(fmt))
    logs(log, handler)
    # Per record: its lines, and every field the format prints as its text (the padding is outside the
    # field); the record another Formatter wrote fails at process, after asctime and levelname.
    out, line = [], 1
    for text, record in zip(handler.texts, handler.records):
        count = text.count("\n") + 1
        other = "[%s]" % record.threadName in text.split("\n", 1)[0]
        fields = {"asctime": record.asctime, "levelname": record.levelname}
        if not other:
            fields.update({"name": record.name, "message": "\n".join(filter(None, [record.getMessage(), record.exc_text]))})
            if "%(process)d" in fmt:
                fields["process"] = str(record.process)
        out.append({"line": line, "end_line": line + count - 1, "fields": fields})
        line += count
    return {"id": case_id, "fmt": fmt, "style": "%", "text": "\n".join(handler.texts) + "\n", "records": out}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "fixtures" / "show" / "wide.json")
    args = parser.parse_args()
    cases = [render(*c) for c in CASES]
    write_cases(args.out, cases)
    args.out.with_suffix(".log").write_text(cases[0]["text"], encoding="utf-8")
    print("wrote %d records to %s" % (sum(len(c["records"]) for c in cases), args.out))


main()

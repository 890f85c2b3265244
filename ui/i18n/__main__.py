"""``python -m ui.i18n update|compile|check`` (``make translations`` runs ``update``):

- ``update``: pyside6-lupdate reads every ``ui/**/*.py`` into ``pizhu_zh_CN.ts`` (every message)
  and ``pizhu_en.ts`` (the plural forms only); a new message comes in as
  ``<translation type="unfinished">``, a removed one is dropped.  Then ``check`` and ``compile``.
- ``compile``: lrelease writes ``pizhu_<lang>.qm`` next to each ``.ts`` (git ignores them).
- ``check``: what lupdate cannot extract (see :mod:`ui.i18n.lint`) and what is left to translate,
  as ``file:line: problem``; exits 1 if there is any.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ui.i18n import DOMAIN, I18N_DIR, SOURCE_LANGUAGE, compile_ts
from ui.i18n.catalog import unfinished
from ui.i18n.lint import UI_DIR, scan, ui_sources

TARGETS = {"zh_CN": [], "en": ["-pluralonly"]}  # language -> extra lupdate options


def lupdate() -> Path:
    import PySide6

    folder = Path(PySide6.__file__).resolve().parent
    for name in ("lupdate", "lupdate.exe"):
        if (folder / name).exists():
            return folder / name
    raise SystemExit("pyside6-lupdate not found (install PySide6-Essentials)")


def update() -> int:
    sources = [str(p.relative_to(UI_DIR.parent)) for p in ui_sources()]
    for lang, options in TARGETS.items():
        ts = I18N_DIR / f"{DOMAIN}_{lang}.ts"
        command = [str(lupdate()), "-silent", "-no-obsolete", "-locations", "none", "-source-language",
                   SOURCE_LANGUAGE, "-target-language", lang, *options, *sources, "-ts", str(ts)]
        subprocess.run(command, cwd=UI_DIR.parent, check=True)
        print(f"{ts.relative_to(UI_DIR.parent)}: {len(unfinished(ts))} to translate")
    status = check()
    build()
    return status


def build() -> int:
    failed = 0
    for ts in sorted(I18N_DIR.glob(f"{DOMAIN}_*.ts")):
        if not compile_ts(ts, ts.with_suffix(".qm")):
            failed += 1
    return 1 if failed else 0


def check() -> int:
    messages, problems = scan()
    found = [str(p) for p in problems]
    where = {(m.context, m.source, m.disambiguation): f"{m.file}:{m.line}" for m in messages}
    for ts in sorted(I18N_DIR.glob(f"{DOMAIN}_*.ts")):
        for entry in unfinished(ts):
            place = where.get((entry.context, entry.source, entry.disambiguation), ts.name)
            found.append(f"{place}: not translated in {ts.name}: {entry.source!r}")
    for line in found:
        print(line)
    return 1 if found else 0


def main(argv: list[str]) -> int:
    commands = {"update": update, "compile": build, "check": check}
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__)
        return 2
    return commands[argv[0]]()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The interface languages.

The sources are Qt Linguist files here, ``pizhu_<lang>.ts`` (``make translations`` refreshes them
from ``ui/`` with pyside6-lupdate; ``pizhu_en.ts`` only holds the English plural forms).  They are
compiled to ``.qm`` by the build, never committed:

- ``make venv`` (hence ``make run`` / ``make test``) runs ``python -m ui.i18n compile``, which writes
  ``pizhu_<lang>.qm`` next to each ``.ts`` with the lrelease that PySide6-Essentials ships;
- at start, a ``.qm`` that is missing or older than its ``.ts`` (a wheel install, a ``.ts`` edited
  since) is compiled the same way into the user's cache folder (``$PIZHU_CACHE_DIR`` or the
  platform's cache location), named by the ``.ts``'s content hash so it is made only once.

:func:`install` puts the chosen language in force: Pizhu's catalogue and Qt's own (the standard
buttons and dialogs, from PySide6's ``qtbase_<lang>.qm``), and the default :class:`QLocale`.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QStandardPaths, QTranslator

I18N_DIR = Path(__file__).resolve().parent
DOMAIN = "pizhu"
# The languages of the interface, in the order the preferences offer them, with their own names.
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
SOURCE_LANGUAGE = "en"

_installed: list[QTranslator] = []
_in_force = {"lang": SOURCE_LANGUAGE}


def ts_file(lang: str) -> Path:
    return I18N_DIR / f"{DOMAIN}_{lang}.ts"


def resolve(lang: str | None) -> str:
    """The interface language for a setting: ``None``/"system" follows the system's locale (any
    Chinese locale gets the Chinese interface), else the language named; unknown → English."""
    if not lang or lang == "system":
        return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else SOURCE_LANGUAGE
    if lang in LANGUAGES:
        return lang
    return "zh_CN" if QLocale(lang).language() == QLocale.Language.Chinese else SOURCE_LANGUAGE


def lrelease() -> Path | None:
    """The lrelease executable shipped in PySide6-Essentials (or one on the PATH)."""
    import PySide6

    folder = Path(PySide6.__file__).resolve().parent
    for name in ("lrelease", "lrelease.exe"):
        if (folder / name).exists():
            return folder / name
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    return Path(found) if found else None


def compile_ts(ts: Path, qm: Path) -> bool:
    """Compile ``ts`` into ``qm`` (written atomically); False when lrelease is missing or fails."""
    tool = lrelease()
    if tool is None or not ts.exists():
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(suffix=".qm", dir=qm.parent)
    os.close(handle)
    try:
        proc = subprocess.run([str(tool), "-silent", str(ts), "-qm", temp], capture_output=True, text=True,
                              timeout=120)
        if proc.returncode != 0 or os.path.getsize(temp) == 0:
            print(f"pizhu: cannot compile {ts}: {proc.stderr.strip()}", file=sys.stderr)
            return False
        os.chmod(temp, 0o644)
        os.replace(temp, qm)
        return True
    except (OSError, subprocess.SubprocessError) as exc:
        print(f"pizhu: cannot compile {ts}: {exc}", file=sys.stderr)
        return False
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def cache_dir() -> Path:
    folder = os.environ.get("PIZHU_CACHE_DIR")
    if folder:
        return Path(folder) / "i18n"
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericCacheLocation)
    return Path(base or tempfile.gettempdir()) / "pizhu" / "i18n"


def qm_file(lang: str) -> Path | None:
    """The compiled catalogue of ``lang``: the built one next to its source when it is up to date,
    else one compiled now into the cache; None when there is no source (or it cannot be built)."""
    ts = ts_file(lang)
    if not ts.exists():
        return None
    built = ts.with_suffix(".qm")
    if built.exists() and built.stat().st_mtime >= ts.stat().st_mtime:
        return built
    digest = hashlib.sha1(ts.read_bytes()).hexdigest()[:12]
    cached = cache_dir() / f"{DOMAIN}_{lang}-{digest}.qm"
    if cached.exists() or compile_ts(ts, cached):
        return cached
    return None


def qt_catalogue(lang: str) -> Path | None:
    """Qt's own translations (standard buttons, file and colour dialogs) for ``lang``."""
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    for name in (f"qtbase_{lang}.qm", f"qtbase_{lang.split('_')[0]}.qm"):
        if (folder / name).exists():
            return folder / name
    return None


def install(lang: str | None) -> str:
    """Put the interface language for the setting ``lang`` in force (replacing the one before);
    returns the language code in use.  Widgets already built keep their texts (see
    :mod:`ui.i18n.switch` for changing the language of a running window)."""
    app = QCoreApplication.instance()
    chosen = resolve(lang)
    follows_system = not lang or lang == "system"
    system = QLocale.system()
    same_language = system.language() == QLocale(chosen).language()
    QLocale.setDefault(system if follows_system or same_language else QLocale(chosen))
    for translator in _installed:
        if app is not None:
            app.removeTranslator(translator)
    _installed.clear()
    _in_force["lang"] = chosen
    if app is None:
        return chosen
    catalogues = [qm_file(chosen)]
    if chosen != SOURCE_LANGUAGE:
        catalogues.append(qt_catalogue(chosen))
    for path in catalogues:
        if path is None:
            continue
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
    return chosen


def current() -> str:
    """The language installed last (the source language before any install)."""
    return _in_force["lang"]


def plain(text: str) -> str:
    """A label without its mnemonic, for tabs and lists: "&File" → "File", "文件(&F)…" → "文件…"
    (the bracketed letter a translation adds goes too), "A && B" → "A & B"."""
    text = re.sub(r"\s*\(&[^&\s]\)", "", text)
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def listing(*parts: str) -> str:
    """Facts written one after another ("3 articles, 12 hits" / "3 篇文章，12 处命中"): each part is
    its own message (one count each, so each has its plural forms), joined by the language's
    list separator."""
    return QCoreApplication.translate("Listing", ", ").join(p for p in parts if p)


def reset() -> None:
    """Back to the untranslated source language (tests end with it)."""
    app = QCoreApplication.instance()
    for translator in _installed:
        if app is not None:
            app.removeTranslator(translator)
    _installed.clear()
    _in_force["lang"] = SOURCE_LANGUAGE
    QLocale.setDefault(QLocale.system())

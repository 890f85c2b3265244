"""The time zone spreadsheet exports show times in, with a name people recognise."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path

try:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
except ImportError:  # pragma: no cover  (Python < 3.9)
    ZoneInfo = None  # type: ignore[assignment,misc]


def local_zone() -> tzinfo:
    """This machine's zone: ``$TZ`` or ``/etc/localtime`` as an IANA zone when it names one,
    else the fixed offset the C library reports now."""
    names = [os.environ.get("TZ", "").lstrip(":")]
    link = Path("/etc/localtime")
    if link.is_symlink():
        target = str(link.resolve())
        if "zoneinfo/" in target:
            names.append(target.split("zoneinfo/", 1)[1])
    for name in names:
        if name and ZoneInfo is not None:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError, OSError):
                continue
    now = datetime.now().astimezone()
    return timezone(now.utcoffset() or timedelta(0), now.tzname())


def to_zone(moment: datetime, zone: tzinfo) -> datetime:
    """``moment`` (naive = UTC, as stored) in ``zone``."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(zone)


def zone_label(moment: datetime) -> str:
    """``Asia/Shanghai (UTC+08:00)`` for an aware datetime (the key, else the abbreviation)."""
    offset = moment.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    utc = f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    key = getattr(moment.tzinfo, "key", None) or moment.tzname() or ""
    return f"{key} ({utc})" if key and key != utc else utc

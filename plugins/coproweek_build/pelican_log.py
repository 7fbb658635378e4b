"""Collecting Pelican's own warnings and errors, so that none passes silently."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from pelican.log import LimitFilter


class Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def messages(self) -> list[str]:
        return [record.getMessage() for record in self.records]


@contextmanager
def collect_pelican_warnings() -> Iterator[Collector]:
    """Pelican's loggers report to us instead of the console while the build runs."""
    collector = Collector()
    # Pelican drops a warning it has logged once in this process; a second build in the
    # same process (tests, livereload) must still hear about it. This is what Pelican's own
    # --logs-dedup-min-level option sets (pelican.log.init).
    dedup_level = LimitFilter.LOGS_DEDUP_MIN_LEVEL
    LimitFilter.LOGS_DEDUP_MIN_LEVEL = logging.DEBUG
    pelican_logger = logging.getLogger("pelican")
    saved = (pelican_logger.handlers[:], pelican_logger.level, pelican_logger.propagate)
    pelican_logger.handlers = [collector]
    pelican_logger.setLevel(logging.WARNING)
    pelican_logger.propagate = False
    try:
        yield collector
    finally:
        pelican_logger.handlers, level, pelican_logger.propagate = saved[0], saved[1], saved[2]
        pelican_logger.setLevel(level)
        LimitFilter.LOGS_DEDUP_MIN_LEVEL = dedup_level

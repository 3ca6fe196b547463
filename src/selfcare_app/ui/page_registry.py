"""The sidebar pages, in order: one list for the sidebar, Ctrl+1…9, navigation and Help.

Each page's module is imported by its factory on unlock (not at start-up), with a plain
import statement inside the function, so import-linter's graph sees every page (a string
naming the module would hide it). To add a page, see docs/CONTRIBUTING.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from selfcare_app.i18n import N_

if TYPE_CHECKING:
    from selfcare_app.ui.pages.base import Page


@dataclass(frozen=True)
class PageSpec:
    key: str  # stable id: navigate("today"), the icon name, object names
    title: str  # N_(): translated where shown; the same text as the page class's `title`
    factory: Callable[[], type[Page]]  # imports the page's module on first use

    @property
    def icon(self) -> str:
        return f"page-{self.key}.svg"

    def load(self) -> type[Page]:
        from selfcare_app.ui.pages.base import Page

        cls = self.factory()
        if not (isinstance(cls, type) and issubclass(cls, Page)) or cls.key != self.key:
            raise TypeError(f"the factory of page {self.key!r} gave {cls!r}")
        return cls


def _today() -> type[Page]:
    from selfcare_app.ui.pages.today import TodayPage

    return TodayPage


def _trends() -> type[Page]:
    from selfcare_app.ui.pages.trends import TrendsPage

    return TrendsPage


def _history() -> type[Page]:
    from selfcare_app.ui.pages.history import HistoryPage

    return HistoryPage


def _selfchecks() -> type[Page]:
    from selfcare_app.ui.pages.selfchecks import SelfChecksPage

    return SelfChecksPage


def _learn() -> type[Page]:
    from selfcare_app.ui.pages.learn import LearnPage

    return LearnPage


def _resources() -> type[Page]:
    from selfcare_app.ui.pages.resources import ResourcesPage

    return ResourcesPage


# Sidebar order; the first nine get Ctrl+1…9 in this order.
PAGES: tuple[PageSpec, ...] = (
    PageSpec("today", N_("Today"), _today),
    PageSpec("trends", N_("Trends"), _trends),
    PageSpec("history", N_("History"), _history),
    PageSpec("selfchecks", N_("Self-checks"), _selfchecks),
    PageSpec("learn", N_("Learn"), _learn),
    PageSpec("resources", N_("Resources"), _resources),
)
PAGE_KEYS: tuple[str, ...] = tuple(spec.key for spec in PAGES)


def page_spec(key: str) -> PageSpec:
    for spec in PAGES:
        if spec.key == key:
            return spec
    raise KeyError(key)

"""Page-number pagination: ``page`` (1-based) and ``pageSize`` (default 100, max 500).

The envelope is ``{count, next, previous, results}``; ``next``/``previous`` are absolute URLs that
keep every other query parameter, sorted by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from .errors import not_found

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
MAX_PAGE = 2**31


@dataclass(frozen=True)
class PageRequest:
    number: int | None  # None means "last", resolved once the count is known
    size: int

    def offset(self, count: int) -> int:
        return (self.resolve(count) - 1) * self.size

    def resolve(self, count: int) -> int:
        if self.number is not None:
            return self.number
        return max(1, -(-count // self.size))


def page_request(page: str | None, page_size: str | None) -> PageRequest:
    size = DEFAULT_PAGE_SIZE
    if page_size is not None:
        # An unusable pageSize falls back to the default, as existing clients are used to.
        try:
            size = min(int(page_size), MAX_PAGE_SIZE)
        except ValueError:
            size = DEFAULT_PAGE_SIZE
        if size < 1:
            size = DEFAULT_PAGE_SIZE
    if page is None or page == "":
        return PageRequest(1, size)
    if page == "last":
        return PageRequest(None, size)
    try:
        number = int(page)
    except ValueError:
        raise not_found("Ongeldige pagina.") from None
    # Past MAX_PAGE no register has rows; and an offset beyond 64 bits fails in the database.
    if number < 1 or number > MAX_PAGE:
        raise not_found("Ongeldige pagina.")
    return PageRequest(number, size)


def count_from_page(req: PageRequest, rows: int) -> int | None:
    """The total count when a page's rows already tell it: a page that is not full is the last
    one, so the count is its offset plus its rows (for an empty page past the end, the offset,
    which ``check_in_range`` then refuses). None for a full page or for ``last``."""
    if req.number is None or rows >= req.size:
        return None
    return (req.number - 1) * req.size + rows


def check_in_range(req: PageRequest, count: int) -> int:
    number = req.resolve(count)
    if number > 1 and (number - 1) * req.size >= count:
        raise not_found("Ongeldige pagina.")
    return number


def envelope(
    results: list[Any],
    count: int,
    number: int,
    size: int,
    path_url: str,
    query: list[tuple[str, str]],
) -> dict[str, Any]:
    def link(target: int) -> str:
        params = [(k, v) for k, v in query if k != "page"]
        if target > 1:
            params.append(("page", str(target)))
        # Sorted by name (repeated names keep their order), as the reference writes its links.
        params.sort(key=lambda kv: kv[0])
        return f"{path_url}?{urlencode(params)}" if params else path_url

    has_next = number * size < count
    return {
        "count": count,
        "next": link(number + 1) if has_next else None,
        "previous": link(number - 1) if number > 1 else None,
        "results": results,
    }

"""One page size and one paginator call for every list page.

A list never counts all its rows to show one page: the count stops a little past the page asked for (at least
`COUNT_LIMIT` rows), so a list of millions costs a bounded count, and the page shows "1000+" when there are more.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

PAGE_SIZE = 30
COUNT_LIMIT = 1000


class CappedPaginator(Paginator):
    """A paginator whose count reads at most `limit` rows (or as many as the requested page needs, plus one page):
    `count_exact` says whether more rows lie beyond."""

    def __init__(self, object_list, per_page, *, limit: int = COUNT_LIMIT, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.limit = -(-limit // int(self.per_page)) * int(self.per_page)  # whole pages: a full last page means "more"

    def reach(self, number) -> None:
        """Count far enough that page `number` (and the one after it) can be told to exist."""
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1  # a missing or bad number shows the first page
        if number > 0:
            self.limit = max(self.limit, min(number + 1, 10**6) * int(self.per_page))

    @cached_property
    def _counted(self) -> int:
        object_list = self.object_list
        if hasattr(object_list, "count") and hasattr(object_list, "query"):
            # Which rows fall in the first limit + 1 does not change how many there are: without the order (and its
            # joins) the database stops after limit + 1 rows instead of sorting the whole list first.
            return object_list.order_by().select_related(None)[: self.limit + 1].count()
        return len(object_list[: self.limit + 1])

    @property
    def count_exact(self) -> bool:
        return self._counted <= self.limit

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.limit)


def paginate(request, queryset, *, per_page: int = PAGE_SIZE):
    """The requested page (bad or out-of-range numbers fall back to the first or last page, never an error)."""
    number = request.GET.get("page")
    paginator = CappedPaginator(queryset, per_page)
    paginator.reach(number)
    return paginator.get_page(number)

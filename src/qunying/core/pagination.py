"""One page size and one paginator call for every list page."""

from django.core.paginator import Paginator

PAGE_SIZE = 30


def paginate(request, queryset, *, per_page: int = PAGE_SIZE):
    """The requested page (bad or out-of-range numbers fall back to the first or last page, never an error)."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))

"""Template context shared by every page."""

from django.utils.functional import SimpleLazyObject

from qunying.core.navigation import navigation_for, navigation_menu_for


def navigation(request):
    return {
        "navigation": SimpleLazyObject(lambda: navigation_for(request.user)),
        "navigation_menu": SimpleLazyObject(lambda: navigation_menu_for(request.user)),
    }

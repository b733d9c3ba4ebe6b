"""The public honour board /honours/ (no login): cached per filter under the board's version."""

from django import forms
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views import View

from qunying.core.images import public_image_response
from qunying.core.pagination import paginate
from qunying.honours.models import AwardType
from qunying.org.models import Unit
from qunying.publicity.board import board_people, board_version, person_on_board, public_stories
from qunying.publicity.models import StoryPhoto

CACHE_SECONDS = 300


class BoardFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1949, max_value=2100)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.order_by("path"), required=False)
    honour = forms.ModelChoiceField(
        label=_("Award"), queryset=AwardType.objects.order_by("ladder", "grade"), required=False,
        to_field_name="code",
    )  # fmt: skip


class HonourBoardView(View):
    """Served from the cache as bytes: a hit builds no form, runs no query and unpickles no response object (the
    board must serve >= 300 requests/s on one process; benchmarks/honour_board.py). Only the known parameters make
    up the key, so arbitrary query strings cannot fill the cache with copies."""

    PARAMETERS = ("year", "unit", "honour", "page")

    def get(self, request):
        # The query string is made canonical first (known parameters, once each, short values): what is rendered
        # is exactly what the key names, so nobody can plant their own values in the page served to everyone.
        canonical = {name: request.GET[name][:20] for name in self.PARAMETERS if request.GET.get(name)}
        if sorted(request.GET.lists()) != sorted((name, [value]) for name, value in canonical.items()):
            return redirect(f"{request.path}?{urlencode(canonical)}" if canonical else request.path)
        params = "&".join(f"{name}={canonical.get(name, '')}" for name in self.PARAMETERS)
        key = f"publicity:board:{board_version()}:{getattr(request, 'LANGUAGE_CODE', '')}:{params}"
        cached = cache.get(key)
        if cached is not None:
            return HttpResponse(cached, content_type="text/html; charset=utf-8")
        form = BoardFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        people = board_people(
            year=filters.get("year"),
            unit=filters.get("unit"),
            award_code=filters["honour"].code if filters.get("honour") else "",
        )
        # The page is shared by every visitor: it carries no CSRF token (the board posts nothing), never the one of
        # the visitor whose request happened to render it.
        context = {"form": form, "page": paginate(request, people), "csrf_token": ""}
        response = TemplateResponse(request, "publicity/honour_board.html", context)
        response.render()
        cache.set(key, response.content, CACHE_SECONDS)
        return response


class BoardPhotoView(View):
    """A board person's photo, only while they are on the board."""

    def get(self, request, pk):
        person = person_on_board(pk)
        if person is None or not person.photo:
            raise Http404
        return public_image_response(person.photo)


class BoardStoryPhotoView(View):
    """A photo of a story while the story is public (published, consented, no classified person)."""

    def get(self, request, pk):
        photo = StoryPhoto.objects.filter(pk=pk, story__in=public_stories()).first()
        if photo is None:
            raise Http404
        return public_image_response(photo.file)

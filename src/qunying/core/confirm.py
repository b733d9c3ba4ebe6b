"""Confirmation before a consequential action (advancing a phase, deciding many deeds at once, deleting, revoking,
withdrawing consent, casting a vote): the first POST without `confirmed` answers with a page that says what will
happen and posts the same fields again with `confirmed=1`. It works without JavaScript; with it, static
`core/confirm.js` asks in a `<dialog>` on the form's own page (`data-confirm`) and adds `confirmed` itself."""

from django.shortcuts import render

CONFIRMED = "confirmed"
_NOT_REPEATED = {"csrfmiddlewaretoken", CONFIRMED}


def confirmation_needed(
    request, *, title, message, button, cancel_url: str, danger: bool = False, base: str = "base.html"
):
    """None once the user has confirmed; otherwise the confirmation page to answer with (on the public pages' layout
    with `base="public_base.html"`)."""
    if request.POST.get(CONFIRMED) == "1":
        return None
    fields = [(name, value) for name, values in request.POST.lists() if name not in _NOT_REPEATED for value in values]
    return render(
        request,
        "core/confirm.html",
        {
            "title": title,
            "message": message,
            "button": button,
            "cancel_url": cancel_url,
            "danger": danger,
            "fields": fields,
            "action": request.get_full_path(),
            "base": base,
        },
    )

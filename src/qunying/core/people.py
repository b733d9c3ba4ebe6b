"""People as people read them: 姓名（单位）, never a login. The unit is that of the account's role assignments (the
reverse accessor, so a list prefetching `role_assignments__unit` costs no query per row)."""

from django.utils.translation import gettext as _


def person_label(user) -> str:
    """ "张华（巢湖市公安局政治处）" for an account, "系统" for none (the system or the public)."""
    if user is None:
        return _("system")
    name = getattr(user, "full_name", "") or user.get_username()
    units = []
    for assignment in user.role_assignments.all():
        if assignment.unit.name not in units:
            units.append(assignment.unit.name)
    return f"{name}（{'、'.join(units)}）" if units else name

"""Finding a group for a person: what they may not see does not exist for them.

Pages and the API both call ``group_or_404``: a missing group, one the person may not
see, or one whose ``view_…`` permission they lack answers 404 (nothing leaks by the
answer); a group they can see but may not act on in that way answers 403.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from moot.groups.errors import ActionError
from moot.groups.models import Group
from moot.groups.queries import AnyUser


def group_or_404(user: AnyUser, group_id: int, perm: str = "groups.view_group") -> Group:
    group = Group.objects.select_related("parent").filter(pk=group_id).first()
    if group is None or not user.has_perm("groups.view_group", group):
        raise Http404
    if perm != "groups.view_group" and not user.has_perm(perm, group):
        if perm.partition(".")[2].startswith("view"):
            raise Http404
        raise ActionError(_("You may not do this in %(group)s.") % {"group": group.name}, 403)
    return group

"""Every change the notices app makes is one action here: saving a person's choices,
sending what is due (at once, or into the digest), sending the daily digests, and
making or revoking a private calendar link."""

from moot.notices.actions.feeds import do_create_calendar_feed, do_revoke_calendar_feeds
from moot.notices.actions.sending import do_send_daily_digests, do_send_due_notices
from moot.notices.actions.settings import do_save_choices

__all__ = [
    "do_create_calendar_feed",
    "do_revoke_calendar_feeds",
    "do_save_choices",
    "do_send_daily_digests",
    "do_send_due_notices",
]

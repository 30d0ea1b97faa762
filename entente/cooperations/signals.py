"""Signals other apps listen to, so that cooperations never imports them (imports run one way)."""

from django.dispatch import Signal

# Sent inside the transaction of `set_membership` when a member starts representing a partner
# (or another one), with `membership` and `previous_partner`. Apps that copied "no organization"
# for this person (workshop seats, their scores and pistes) fill it in.
member_partner_changed = Signal()

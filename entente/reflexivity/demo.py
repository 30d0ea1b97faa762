"""Reflexivity demo, loaded after every other app's: each sub-domain adds its part to the seed cooperations."""

from django.db import transaction

from entente.accounts.models import User
from entente.cooperations.demo import demo_cooperation
from entente.governance.schedule import paris_today

from . import board_demo, exchange_demo, format_demo, maturity_demo, mirror_demo


def _users():
    return {
        role: User.objects.filter(email=f"{role}@demo.entente.fr").first()
        for role in ("coordinateur", "membre", "contributeur", "observateur")
    }


LOADERS = [
    (maturity_demo.SLUG, maturity_demo.load_mortagne),
    (mirror_demo.SLUG, mirror_demo.load_mortagne),
    (format_demo.SLUG, format_demo.load_mortagne),
    (board_demo.SLUG, board_demo.load_mortagne),
    (exchange_demo.SLUG, exchange_demo.load_erdre_et_gesvres),
]


def load(stdout=None) -> dict:
    users, today, loaded = _users(), paris_today(), []
    for slug, loader in LOADERS:
        cooperation = demo_cooperation(slug)
        if cooperation is None or users["coordinateur"] is None:
            continue
        with transaction.atomic():
            loader(cooperation, users, today)
        loaded.append(slug)
    if stdout:
        stdout.write(f"  réflexivité : {len(set(loaded))} coopération(s) complétée(s)")
    return {"loaded": loaded}

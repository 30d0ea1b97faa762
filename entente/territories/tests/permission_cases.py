from entente.core.testing import Case
from entente.territories.factories import TerritoryFactory

ALL = ["anonymous", "outsider", "observateur", "contributeur", "membre", "coordinateur", "operator"]
PUBLIC = dict.fromkeys(ALL, 200)


def a_commune(context):
    return {"territory": TerritoryFactory(kind="commune", code="37261", name="Tours")}


def a_partner_id(context):
    return context.world.partners[context.world.own.pk][0].organization_id


CASES = [
    Case("territories:search", url=lambda c: "/territoires/?q=tours", expect=PUBLIC, scoped=False),
    Case("territories:autocomplete", url=lambda c: "/territoires/autocomplete/?q=tours", expect=PUBLIC, scoped=False),
    Case("territories:detail", url=lambda c: "/territoires/commune/37261/", setup=a_commune, expect=PUBLIC,
         scoped=False),
    Case("territories:organization", url=lambda c: f"/organisations/{a_partner_id(c)}/", expect=PUBLIC, scoped=False),
    Case("API GET /territories", url=lambda c: "/api/v1/territories?q=tours", expect=PUBLIC, scoped=False),
    Case("API GET /territories/{code}", url=lambda c: "/api/v1/territories/37261", setup=a_commune, expect=PUBLIC,
         scoped=False),
    Case("API GET /organizations", url=lambda c: "/api/v1/organizations?q=org", expect=PUBLIC, scoped=False),
]

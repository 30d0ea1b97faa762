from entente.accounts.factories import UserFactory
from entente.cooperations.models import Cooperation, Membership, Partnership, TimelineStep
from entente.core.testing import Case, editors, everyone_in, private_readers
from entente.territories.factories import OrganizationFactory

ALL = ["anonymous", "outsider", "observateur", "contributeur", "membre", "coordinateur", "operator"]
PUBLIC = dict.fromkeys(ALL, 200)
SIGNED_IN_REDIRECT = {**dict.fromkeys(ALL, 302)}
MOVED = dict.fromkeys(ALL, 301)


def base(context):
    return f"/cooperations/{context.cooperation.slug}"


def new_organization(context):
    return {"organization": OrganizationFactory(name="Agence d'urbanisme témoin")}


def is_partner(context):
    return Partnership.objects.filter(cooperation=context.cooperation, organization=context.organization).exists()


def first_partner(context):
    return {"partnership": context.world.partners[context.cooperation.pk][0]}


def stranger(context):
    return {"stranger": UserFactory(email="invitee@exemple.fr")}


def member_to_edit(context):
    membership = Membership.objects.create(cooperation=context.cooperation, user=UserFactory(), role="membre")
    return {"membership": membership}


def a_step(context):
    return {"step": TimelineStep.objects.create(cooperation=context.cooperation, date="2020-01-01", title="Étape")}


def login_first(statuses):
    return {**statuses, "anonymous": 302}


NEW_COOPERATION = {
    "name": "Coopération créée", "kind": "entente", "visibility": "private", "description": "",
    "partner": ["organization:0"], "partner_role": ["signataire"],
}


def new_cooperation_data(context):
    organization = OrganizationFactory()
    return {**NEW_COOPERATION, "partner": [f"organization:{organization.pk}"]}


CASES = [
    Case("cooperations:directory", url=lambda c: "/cooperations/", expect=PUBLIC, scoped=False),
    Case("cooperations:former_export", url=lambda c: "/cooperations/export.csv", expect=MOVED, scoped=False),
    Case("cooperations:open_data_file", url=lambda c: "/cooperations/donnees-ouvertes/partenariats.csv",
         expect=PUBLIC, scoped=False),
    Case("cooperations:open_data_file", url=lambda c: "/cooperations/donnees-ouvertes/cooperations.json",
         expect=PUBLIC, scoped=False),
    Case("cooperations:open_data_schema", url=lambda c: "/cooperations/donnees-ouvertes/partenariats/schema.json",
         expect=PUBLIC, scoped=False),
    Case("cooperations:open_data", url=lambda c: "/cooperations/donnees-ouvertes/", expect=PUBLIC, scoped=False),
    Case("cooperations:create", url=lambda c: "/cooperations/nouvelle/", expect={**PUBLIC, "anonymous": 302},
         scoped=False),
    Case("cooperations:create", method="POST", url=lambda c: "/cooperations/nouvelle/", label="création",
         data=new_cooperation_data, expect=SIGNED_IN_REDIRECT, scoped=False,
         changed=lambda c: Cooperation.objects.filter(name="Coopération créée").exists()),
    Case("cooperations:detail", url=lambda c: base(c) + "/", expect=everyone_in()),
    Case("cooperations:detail", url=lambda c: base(c) + "/", expect=PUBLIC, visibility="public"),
    Case("cooperations:edit", url=lambda c: base(c) + "/modifier/", expect=login_first(editors())),
    Case("cooperations:edit", method="POST", url=lambda c: base(c) + "/modifier/", label="enregistrement",
         data={"name": "Nom modifié", "kind": "entente", "visibility": "private"},
         expect=login_first(editors(302)),
         changed=lambda c: Cooperation.objects.filter(pk=c.cooperation.pk, name="Nom modifié").exists()),
    Case("cooperations:partners", url=lambda c: base(c) + "/partenaires/", expect=everyone_in()),
    Case("cooperations:partners", url=lambda c: base(c) + "/partenaires/", expect=PUBLIC, visibility="public"),
    Case("cooperations:partners", method="POST", url=lambda c: base(c) + "/partenaires/", label="ajout",
         setup=new_organization, data=lambda c: {"partner": f"organization:{c.organization.pk}",
                                                 "partner_role": "partenaire_associe"},
         expect=editors(302), changed=is_partner),
    Case("cooperations:partner_edit", method="POST", label="rôle",
         url=lambda c: f"{base(c)}/partenaires/{c.partnership.pk}/", setup=first_partner,
         data={"role": "observateur"}, expect=login_first(editors(302)),
         changed=lambda c: Partnership.objects.get(pk=c.partnership.pk).role == "observateur"),
    Case("cooperations:organization_create", method="POST",
         url=lambda c: base(c) + "/partenaires/nouvelle-organisation/",
         data={"name": "Préfecture témoin", "kind": "etat", "role": "signataire"}, expect=login_first(editors(302)),
         changed=lambda c: Partnership.objects.filter(cooperation=c.cooperation,
                                                      organization__name="Préfecture témoin").exists()),
    Case("cooperations:members", url=lambda c: base(c) + "/membres/", expect=everyone_in()),
    Case("cooperations:members", method="POST", url=lambda c: base(c) + "/membres/", label="ajout",
         setup=stranger, data={"email": "invitee@exemple.fr", "role": "membre"}, expect=editors(302),
         changed=lambda c: Membership.objects.filter(cooperation=c.cooperation, user=c.stranger).exists()),
    Case("cooperations:member_edit", method="POST", label="rôle",
         url=lambda c: f"{base(c)}/membres/{c.membership.pk}/", setup=member_to_edit,
         data={"role": "observateur"}, expect=login_first(editors(302)),
         changed=lambda c: Membership.objects.get(pk=c.membership.pk).role == "observateur"),
    Case("cooperations:timeline_add", method="POST", url=lambda c: base(c) + "/etapes/",
         data={"date": "2021-03-04", "title": "Première conférence", "stage": "echange"},
         expect=login_first(editors(302)),
         changed=lambda c: TimelineStep.objects.filter(cooperation=c.cooperation,
                                                       title="Première conférence").exists()),
    Case("cooperations:timeline_delete", method="POST",
         url=lambda c: f"{base(c)}/etapes/{c.step.pk}/supprimer/", setup=a_step,
         expect=login_first(editors(302)),
         changed=lambda c: not TimelineStep.objects.filter(pk=c.step.pk).exists()),
    Case("cooperations:history", url=lambda c: base(c) + "/historique/", expect=private_readers()),
    # API
    Case("API GET /cooperations", url=lambda c: "/api/v1/cooperations", expect=PUBLIC, scoped=False),
    Case("API GET /cooperations/{slug}", url=lambda c: f"/api/v1/cooperations/{c.cooperation.slug}",
         expect=everyone_in()),
    Case("API GET /cooperations/{slug}", url=lambda c: f"/api/v1/cooperations/{c.cooperation.slug}",
         expect=PUBLIC, visibility="public"),
    Case("API POST /cooperations", method="POST", url=lambda c: "/api/v1/cooperations", json=True,
         data={"name": "Coopération par l'API", "kind": "entente"}, scoped=False,
         expect={**dict.fromkeys(ALL, 201), "anonymous": 401},
         changed=lambda c: Cooperation.objects.filter(name="Coopération par l'API").exists()),
    Case("API PATCH /cooperations/{slug}", method="PATCH", json=True,
         url=lambda c: f"/api/v1/cooperations/{c.cooperation.slug}", data={"description": "Changée par l'API"},
         expect=editors(200),
         changed=lambda c: Cooperation.objects.filter(pk=c.cooperation.pk, description="Changée par l'API").exists()),
    Case("API GET /cooperations/{slug}/partners", url=lambda c: f"/api/v1/cooperations/{c.cooperation.slug}/partners",
         expect=everyone_in()),
    Case("API POST /cooperations/{slug}/partners", method="POST", json=True, setup=new_organization,
         url=lambda c: f"/api/v1/cooperations/{c.cooperation.slug}/partners",
         data=lambda c: {"reference": f"organization:{c.organization.pk}", "role": "observateur"},
         expect=editors(201), changed=is_partner),
    Case("API GET /cooperations/{slug}/members", url=lambda c: f"/api/v1/cooperations/{c.cooperation.slug}/members",
         expect=everyone_in()),
    Case("API GET /cooperations/{slug}/timeline", url=lambda c: f"/api/v1/cooperations/{c.cooperation.slug}/timeline",
         expect=everyone_in()),
    Case("API GET /cooperations/{slug}/timeline", url=lambda c: f"/api/v1/cooperations/{c.cooperation.slug}/timeline",
         expect=PUBLIC, visibility="public"),
]

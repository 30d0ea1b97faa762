from ninja import Router, Schema
from ninja.errors import HttpError

router = Router()
TAG = "Comptes"


class MeOut(Schema):
    email: str
    display_name: str
    function: str
    organization: str | None
    cooperations: list[dict]


@router.get("/me", response=MeOut, summary="Mon compte et mes rôles")
def me(request):
    user = request.user
    if not user.is_authenticated:
        raise HttpError(401, "Authentification requise : connectez-vous ou utilisez un jeton d'API.")
    memberships = user.memberships.select_related("cooperation").order_by("cooperation__name")
    return {
        "email": user.email, "display_name": user.public_name, "function": user.function,
        "organization": user.organization.name if user.organization_id else None,
        "cooperations": [{"slug": m.cooperation.slug, "name": m.cooperation.name, "role": m.role} for m in memberships],
    }

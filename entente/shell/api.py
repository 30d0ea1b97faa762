"""The JSON API under /api/v1/: one NinjaAPI, one router per domain app, mounted here by name.

Authentication is optional (anonymous visitors read public data): a personal token in
`Authorization: Bearer …` or the browser session (`accounts.api_auth`). Every error answers JSON
with a French `detail` (`core.api`). A new domain app adds its router to ROUTERS.
"""

from ninja import NinjaAPI

from entente.accounts import api as accounts_api
from entente.accounts.api_auth import OptionalUserAuth
from entente.agreements import api as agreements_api
from entente.cooperations import api as cooperations_api
from entente.core import job_api
from entente.core.api import install_error_handlers
from entente.core.api_contract import document_errors
from entente.governance import api as governance_api
from entente.insights import api as insights_api
from entente.portfolio import api as portfolio_api
from entente.reflexivity import api as reflexivity_api
from entente.territories import api as territories_api
from entente.workshops import api as workshops_api

# (app, its api module), in the order the routers are mounted and documented.
ROUTERS = [
    ("territories", territories_api),
    ("cooperations", cooperations_api),
    ("workshops", workshops_api),
    ("portfolio", portfolio_api),
    ("governance", governance_api),
    ("agreements", agreements_api),
    ("insights", insights_api),
    ("reflexivity", reflexivity_api),
    ("accounts", accounts_api),
    ("core", job_api),
]
DOMAIN_APPS = [app for app, _module in ROUTERS]

api = NinjaAPI(
    title="API Entente",
    version="1.0.0",
    description=(
        "API ouverte de la plateforme Entente. Lecture anonyme des coopérations publiques ; "
        "écriture avec un jeton personnel (`Authorization: Bearer <jeton>`) ou la session du site."
    ),
    auth=OptionalUserAuth(),
    urls_namespace="api-1",
)
install_error_handlers(api)

for _app, _module in ROUTERS:
    document_errors(_module.router)
    api.add_router("/", _module.router, tags=[getattr(_module, "TAG", _app)])

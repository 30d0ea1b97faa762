"""The API refuses what the database or the pages could not hold, in French JSON, before writing."""

import pytest
from django.test import override_settings

from entente.accounts.factories import UserFactory
from entente.portfolio.factories import WorkstreamFactory
from entente.portfolio.models import Action
from entente.shell.api import api
from entente.workshops.factories import WorkshopFactory

pytestmark = pytest.mark.django_db

HUGE = 2**63  # one more than the largest key SQLite and PostgreSQL hold


def assert_french_json(response, status, fragment):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert fragment in response.json()["detail"]


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/territories?offset={HUGE}",
        "/api/v1/territories?offset=14315096984582668288",
        f"/api/v1/organizations?offset={HUGE}",
        f"/api/v1/organizations?limit={HUGE}",
        "/api/v1/cooperations?limit=0",
    ],
)
def test_huge_offsets_and_limits_are_a_french_422(client, url):
    assert_french_json(client.get(url), 422, "Données invalides")


def test_an_id_in_a_path_beyond_64_bits_is_a_french_422(client, world):
    response = client.get(f"/api/v1/cooperations/{world.own.slug}/workshops/{HUGE}")
    assert_french_json(response, 422, "workshop_id : la valeur est trop grande")


def test_a_score_beyond_64_bits_is_refused(client, world):
    workshop = WorkshopFactory(cooperation=world.own)
    client.force_login(world.users["membre"])
    url = f"/api/v1/cooperations/{world.own.slug}/workshops/{workshop.pk}/scores"
    response = client.post(url, {"idea": HUGE, "criterion": 1, "value": HUGE}, content_type="application/json")
    assert_french_json(response, 422, "value : la valeur est trop grande")


def test_a_two_megabyte_description_is_refused_and_nothing_is_stored(client, world):
    workstream = WorkstreamFactory(cooperation=world.own)
    client.force_login(world.users["coordinateur"])
    response = client.post(
        f"/api/v1/cooperations/{world.own.slug}/actions",
        {"title": "Navette", "workstream_id": workstream.pk, "description": "x" * 2_000_000},
        content_type="application/json",
    )
    assert_french_json(response, 422, "description : la valeur est trop longue")
    assert not Action.objects.exists()


def test_a_nul_character_is_refused_in_french(client):
    assert_french_json(client.get("/api/v1/territories", {"q": "Nan\x00tes"}), 422, "caractères de contrôle")


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_body_over_the_upload_limit_is_a_french_json_413(client, world):
    client.force_login(UserFactory())
    response = client.post(
        "/api/v1/cooperations", {"name": "x" * 5000, "kind": "autre"}, content_type="application/json"
    )
    assert_french_json(response, 413, "dépasse la taille autorisée")


def test_an_unexpected_error_answers_json_not_the_html_page(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("panne")

    monkeypatch.setattr("entente.territories.api.organization_search_queryset", broken)
    client.raise_request_exception = False
    response = client.get("/api/v1/organizations")
    assert_french_json(response, 500, "Erreur interne")


def _operations():
    schema = api.get_openapi_schema()
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield path, method.upper(), operation


def test_no_two_schemas_share_a_name():
    # OpenAPI components are keyed by class name: two schemas of one name make one of them lie.
    from ninja import Schema

    api.get_openapi_schema()  # every router imported
    names = {}
    pending = [Schema]
    while pending:
        for schema_class in pending.pop().__subclasses__():
            pending.append(schema_class)
            if schema_class.__module__.startswith("entente."):
                names.setdefault(schema_class.__name__, set()).add(schema_class.__module__)
    assert {name: modules for name, modules in names.items() if len(modules) > 1} == {}
    detail = api.get_openapi_schema()["paths"]["/api/v1/territories/{code}"]["get"]["responses"][200]
    ref = detail["content"]["application/json"]["schema"]["$ref"]
    members = api.get_openapi_schema()["components"]["schemas"][ref.split("/")[-1]]["properties"]["members"]
    assert "TerritoryMemberOut" in str(members)


def test_every_operation_documents_its_errors_with_a_json_schema():
    schema = api.get_openapi_schema()
    for path, method, operation in _operations():
        responses = {str(code): answer for code, answer in operation["responses"].items()}
        expected = {"401"}
        if operation.get("parameters") or operation.get("requestBody"):
            expected.add("422")
        if "{" in path:
            expected.add("404")
        if method != "GET":
            expected |= {"400", "403"}
        assert expected <= set(responses), f"{method} {path}: {sorted(expected - set(responses))}"
        for code in expected:
            ref = responses[code]["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
            assert "detail" in schema["components"]["schemas"][ref]["properties"], (method, path, code)


def test_every_integer_parameter_is_bounded():
    schema = api.get_openapi_schema()
    for path, method, operation in _operations():
        for parameter in operation.get("parameters", []):
            if parameter["schema"].get("type") == "integer":
                assert "maximum" in parameter["schema"], f"{method} {path} {parameter['name']}"
    for name, component in schema["components"]["schemas"].items():
        if not name.endswith(("In", "Patch", "IO", "Query", "Filters")):
            continue
        for field, spec in component.get("properties", {}).items():
            for option in [spec, *spec.get("anyOf", []), spec.get("items", {})]:
                if option.get("type") == "integer":
                    assert "maximum" in option, f"{name}.{field}"


def test_an_address_no_operation_declares_answers_json(client):
    assert_french_json(client.get("/api/v1/nulle-part"), 404, "Ressource introuvable")


def test_a_method_an_operation_does_not_take_answers_json_with_allow(client):
    response = client.delete("/api/v1/territories")
    assert_french_json(response, 405, "Méthode HTTP non autorisée")
    assert response["Allow"] == "GET"

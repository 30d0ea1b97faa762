"""Runs every app's permission cases for every role, on its own and on another cooperation."""

import importlib

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

from entente.core.testing import ROLES, Context
from entente.shell.api import DOMAIN_APPS, api
from entente.shell.testing import World

# Framework pages that belong to no domain app and carry no cooperation data.
UNCHECKED_URL_PREFIXES = ("admin:", "api-1:")


def all_cases():
    # Every app declares its cases: a missing permission_cases.py is an error, not an app without pages.
    cases = []
    for app in dict.fromkeys(["core", *DOMAIN_APPS]):  # core has a router too: once
        cases.extend(importlib.import_module(f"entente.{app}.tests.permission_cases").CASES)
    return cases


CASES = all_cases()


def url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def api_operations():
    for _prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    yield f"API {method} {router_path(router, path)}"


def router_path(router, path):
    return "/" + path.lstrip("/")


def test_every_url_has_a_permission_case():
    declared = {case.name for case in CASES}
    missing = sorted(
        name for name in set(url_names())
        if not name.startswith(UNCHECKED_URL_PREFIXES) and name not in declared
    )
    assert not missing, f"Pages sans cas dans la matrice des permissions : {missing}"


def test_every_api_operation_has_a_permission_case():
    declared = {case.name for case in CASES}
    missing = sorted(set(api_operations()) - declared)
    assert not missing, f"Opérations d'API sans cas dans la matrice des permissions : {missing}"


class _Rollback(Exception):
    """Raised to undo one role's request, so every role starts from the same world."""


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_permission(case, client, db):
    """One world per case; every role × cooperation runs in a savepoint rolled back afterwards."""
    world = World()
    if case.visibility == "public":
        for cooperation in (world.own, world.other):
            cooperation.visibility = "public"
            cooperation.save()
    failures = []
    for target in (["own", "other"] if case.scoped else ["own"]):
        for role in ROLES:
            try:
                with transaction.atomic():
                    failure = _run(case, world, role, target, client)
                    raise _Rollback
            except _Rollback:
                pass
            if failure:
                failures.append(failure)
    assert not failures, "\n".join(failures)


def _run(case, world, role, target, client):
    cooperation = world.own if target == "own" else world.other
    context = Context(world=world, cooperation=cooperation, role=role)
    if case.setup:
        context.objects.update(case.setup(context) or {})
    user = world.users[role]
    client.logout()
    if user is not None:
        client.force_login(user)
    response = _request(case, context, client)
    expected = case.expected(role, target)
    where = f"{case.id} en tant que {role} sur la coopération {target}"
    if response.status_code != expected:
        return f"{where} : {response.status_code} au lieu de {expected}"
    if case.changed is not None and case.changed(context) is not succeeded(response):
        return f"{where} : état de la base incohérent avec la réponse {response.status_code}"
    return None


def _request(case, context, client):
    url = case.url(context)
    data = case.data(context) if callable(case.data) else case.data
    kwargs = {"headers": case.headers} if case.headers else {}
    if case.json:
        return client.generic(case.method, url, data=_json(data), content_type="application/json", **kwargs)
    if case.method == "GET":
        return client.get(url, data or {}, **kwargs)
    if case.method == "POST" and any(hasattr(value, "read") for value in (data or {}).values()):
        return client.post(url, data, **kwargs)  # an upload: multipart, as the browser sends it
    return client.generic(case.method, url, data=_form(data), content_type=_FORM, **kwargs)


_FORM = "application/x-www-form-urlencoded"


def succeeded(response) -> bool:
    """A 2xx, or a redirect that is not the sign-in page asking an anonymous visitor to log in."""
    if response.status_code >= 400:
        return False
    return not (response.status_code in (301, 302, 303) and "/connexion/" in response.get("Location", ""))


def _form(data):
    from urllib.parse import urlencode

    return urlencode(data or {}, doseq=True)


def _json(data):
    import json

    return json.dumps(data if data is not None else {}, default=str)

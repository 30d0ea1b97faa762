"""The shape of the API's answers that every router shares: error bodies, pagination, and the
documentation of the errors each operation can answer (so that the OpenAPI contract is exact)."""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from .bounds import DEFAULT_PAGE, MAX_OFFSET, MAX_PAGE


class ErrorOut(Schema):
    detail: str = Field(description="message d'erreur en français")


class ValidationErrorOut(ErrorOut):
    errors: list[dict] = Field(default_factory=list, description="détail des champs refusés (format pydantic)")


ERROR_SCHEMAS = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    413: ErrorOut,
    422: ValidationErrorOut,
    429: ErrorOut,
}
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def errors(*codes: int) -> dict:
    """Error answers to add to an operation's `response={…}` beyond those documented for all."""
    return {code: ERROR_SCHEMAS[code] for code in codes}


class PageQuery(Schema):
    limit: int = Field(DEFAULT_PAGE, ge=1, le=MAX_PAGE, description=f"nombre d'éléments (au plus {MAX_PAGE})")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="rang du premier élément")


class Pagination(LimitOffsetPagination):
    """Limit and offset, both bounded: a caller gets a French 422 rather than a huge page or an
    offset the database cannot hold."""

    Input = PageQuery

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_PAGE, **kwargs)


def implied_errors(path: str, operation) -> set[int]:
    """The errors any operation of this API can answer, from its shape alone.

    401: a malformed or revoked token is refused everywhere (authentication is optional, never
    ignored). 422: any parameter or body can be invalid. 404: an object named in the path may not
    exist or be hidden. 413: a body may be too large. 400 and 403: a write may break a business rule
    (services refuse it) or come from a session without its CSRF token or from a role without the
    right to write."""
    codes = {401}
    sources = {type(param.source).__name__ for param in operation.signature.params}
    if sources:
        codes.add(422)
    if "{" in path:
        codes.add(404)
    if "Body" in sources:
        codes.add(413)
    if set(operation.methods) & UNSAFE_METHODS:
        codes |= {400, 403}
    return codes


def document_errors(router) -> None:
    """Adds the implied error answers to every operation of a router (before the API is bound)."""
    for path, path_view in router.path_operations.items():
        for operation in path_view.operations:
            for code in sorted(implied_errors(path, operation)):
                if code not in operation.response_models:
                    operation.response_models[code] = operation._create_response_model(ERROR_SCHEMAS[code])

from entente.core.testing import Case

PUBLIC_PAGE = {role: 200 for role in
               ["anonymous", "outsider", "observateur", "contributeur", "membre", "coordinateur", "operator"]}
SIGNED_IN = {**PUBLIC_PAGE, "anonymous": 302}

CASES = [
    Case("core:home", url=lambda c: "/", expect=PUBLIC_PAGE, scoped=False),
    Case("core:about", url=lambda c: "/a-propos/", expect=PUBLIC_PAGE, scoped=False),
    Case("core:accessibility", url=lambda c: "/accessibilite/", expect=PUBLIC_PAGE, scoped=False),
    Case("core:dashboard", url=lambda c: "/tableau-de-bord/", expect=SIGNED_IN, scoped=False),
    Case("core:health", url=lambda c: "/sante/", expect=PUBLIC_PAGE, scoped=False),
]

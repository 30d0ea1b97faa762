"""Every main page of the demo, as a coordinator and anonymously, at a laptop's and a phone's width:
no horizontal overflow, no list item taller than the screen, every form control with its DSFR look,
no territory after "de" without the article the registry gives it, nobody who represents a partner
shown "Sans organisation". Screenshots go to test-results/pages/ to be looked at."""

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "pages"
WIDTHS = {"ordinateur": (1280, 900), "telephone": (375, 812)}
# The demo's cooperations lie in these départements: importing their communes and EPCI (and every
# département and région) is enough for load_demo and keeps the set-up short.
DEMO_DEPARTEMENTS = {"37", "41", "42", "43", "44", "49", "85"}
# Place names that hold "de <département>" without naming it: the Loire valley, not the Loire département.
GEOGRAPHIC_NAMES = ["Val de Loire", "Val de Cher"]
# Cooperations whose every section is visited; the others get their home page.
FULLY_VISITED = ("piloter-ensemble-37-41", "touraine-contrats-de-reciprocite")

# Runs in the page: everything the checks need, measured by the browser itself.
MEASURE = """() => {
  const width = document.documentElement.clientWidth, screenHeight = window.innerHeight;
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const scrolls = (el) => { for (let p = el.parentElement; p; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; }
    return false; };
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const wide = [...document.body.querySelectorAll('*')].filter(el => visible(el)
    && el.getBoundingClientRect().right > width + 1 && !scrolls(el)).slice(0, 3).map(describe);
  // A list item taller than the screen, unless its height comes from a list nested in it.
  const items = 'li, tr, .fr-card';
  const tall = [...document.querySelectorAll(items)].filter(el => {
    const height = el.getBoundingClientRect().height;
    if (height <= screenHeight) return false;
    const nested = [...el.querySelectorAll(items)].filter(c => c.parentElement.closest(items) === el);
    return nested.reduce((sum, c) => sum + c.getBoundingClientRect().height, 0) < height / 2;
  }).slice(0, 3).map(el => describe(el) + ' (' + Math.round(el.getBoundingClientRect().height) + ' px) « '
         + el.innerText.trim().slice(0, 60) + ' »');
  const controls = [...document.querySelectorAll(
      'select, textarea, input:not([type]), input[type=text], input[type=number], input[type=email], '
      + 'input[type=search], input[type=date]')]
    .filter(el => !el.classList.contains(el.tagName === 'SELECT' ? 'fr-select' : 'fr-input'))
    .map(el => el.tagName.toLowerCase() + '[name=' + (el.name || '?') + ']');
  // The row, item or card that shows "Sans organisation", to see whose it is.
  const unaffiliated = [...document.body.querySelectorAll('*')]
    .filter(el => el.innerText && el.innerText.includes('Sans organisation')
                  && ![...el.children].some(c => c.innerText && c.innerText.includes('Sans organisation')))
    .map(el => (el.closest('li, tr, .fr-card, p') || el).innerText.trim());
  return {overflow: document.documentElement.scrollWidth - width, wide, tall, controls, unaffiliated,
          text: document.body.innerText};
}"""


@dataclass
class Grammar:
    """Names of the demo's départements and régions with the "de" form the registry's article gives them."""

    forms: dict[str, str]
    pattern: re.Pattern = field(init=False)
    # Names that legitimately hold "de <name>" ("Centre-Val de Loire", "Tours Métropole Val de Loire").
    protected: list[str] = field(default_factory=list)

    def __post_init__(self):
        names = "|".join(sorted((re.escape(name) for name in self.forms), key=len, reverse=True))
        self.pattern = re.compile(rf"(?<![\w-])(?:[Dd]e la |[Dd]e l'|[Dd]es |[Dd]u |[Dd]e |[Dd]')({names})(?![\w-])")

    def accepted(self, name: str) -> set[str]:
        """The registry's form; a compound name in "-et-" also takes plain "de", as its own council
        writes it ("Département de Loir-et-Cher", as "d'Indre-et-Loire")."""
        forms = {self.forms[name]}
        if "-et-" in name and name[0].lower() not in "aeiouyéèêîô":
            forms.add(f"de {name}")
        return forms

    def mistakes(self, text: str) -> list[str]:
        text = " ".join(text.replace("’", "'").split())
        for name in self.protected:
            text = text.replace(name, "§")
        found = []
        for match in self.pattern.finditer(text):
            written, name = match.group(0), match.group(1)
            if written[0].lower() + written[1:] not in self.accepted(name):
                context = text[max(0, match.start() - 30) : match.end() + 10]
                found.append(f"« {written} » au lieu de « {self.forms[name]} » (… {context} …)")
        return found


def import_demo_registry():
    from entente.territories.registry import load_registry
    from entente.territories.services import import_registry

    registry = load_registry()
    communes = [c for c in registry.communes if c["departement"] in DEMO_DEPARTEMENTS]
    epci_codes = {c["epci"] for c in communes if c["epci"]}
    epci_codes |= {e["code"] for e in registry.epci if e["departement"] in DEMO_DEPARTEMENTS}
    registry.epci = [e for e in registry.epci if e["code"] in epci_codes]
    registry.communes = [
        c for c in registry.communes if c["departement"] in DEMO_DEPARTEMENTS or c["epci"] in epci_codes
    ]
    registry.communes = [c for c in registry.communes if not c["epci"] or c["epci"] in epci_codes]
    import_registry(registry, force=True)


def demo_grammar() -> Grammar:
    from entente.core.french import de
    from entente.territories.models import Organization, Territory

    places = Territory.objects.filter(kind__in=["departement", "region"])
    grammar = Grammar({place.name: de(place) for place in places})
    names = [*Territory.objects.values_list("name", flat=True), *Organization.objects.values_list("name", flat=True)]
    # A name that holds "de <name>" itself is masked before the check ("Centre-Val de Loire").
    holding = {n for n in [*names, *grammar.forms] if grammar.pattern.search(n)}
    grammar.protected = sorted(holding | set(GEOGRAPHIC_NAMES), key=len, reverse=True)
    return grammar


def demo_pages() -> list[str]:
    """Public pages, each demo cooperation's sections, a workshop's results, an action, a meeting,
    an agreement and a charter: one of each, so that the stage stays short."""
    from django.db.models import Count

    from entente.agreements.charter_models import Charter
    from entente.agreements.models import Agreement
    from entente.cooperations.models import Cooperation
    from entente.core.sections import SECTIONS
    from entente.governance.meeting_models import Meeting
    from entente.portfolio.models import Action
    from entente.workshops.models import Workshop

    pages = [
        "/",
        "/cooperations/",
        "/cooperations/donnees-ouvertes/",
        "/territoires/?q=tours",
        "/territoires/departement/37/",
        "/a-propos/",
        "/tableau-de-bord/",
        "/mes-suites-a-donner/",
    ]
    for cooperation in Cooperation.objects.order_by("slug"):
        pages.append(cooperation.get_absolute_url())
        if cooperation.slug in FULLY_VISITED:
            pages += [reverse(section.url_name, args=[cooperation.slug]) for section in SECTIONS]
    # The workshop with the most pistes: its results page is the longest and the widest.
    workshop = Workshop.objects.annotate(size=Count("ideas")).order_by("-size", "pk").first()
    pages.append(reverse("workshops:results", args=[workshop.cooperation.slug, workshop.pk]))
    for model in (Action, Meeting, Agreement, Charter):
        pages.append(model.objects.order_by("pk").first().get_absolute_url())
    return pages


def represented_members() -> set[str]:
    from entente.cooperations.models import Membership

    return set(Membership.objects.exclude(partner=None).values_list("user__display_name", flat=True))


def problems_of(measure: dict, grammar: Grammar, represented: set[str]) -> list[str]:
    problems = []
    if measure["overflow"] > 0:
        problems.append(f"déborde de {measure['overflow']} px ({', '.join(measure['wide'])})")
    problems += [f"élément de liste plus haut que l'écran : {item}" for item in measure["tall"]]
    problems += [f"champ sans classe DSFR : {control}" for control in measure["controls"]]
    problems += [f"grammaire : {mistake}" for mistake in grammar.mistakes(measure["text"])]
    problems += [
        f"« Sans organisation » pour un membre qui représente un partenaire : {text[:80]}"
        for text in measure["unaffiliated"]
        if any(name in text for name in represented)
    ]
    return problems


def sign_in(page, live_url, email, password):
    page.goto(f"{live_url}/connexion/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").last.click()
    page.wait_for_url(lambda url: "/connexion/" not in url)


def visit(browser, live_url, pages, who, width_name, grammar, represented) -> list[str]:
    from entente.cooperations.demo import DEMO_PASSWORD

    width, height = WIDTHS[width_name]
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": height})
    context.set_default_timeout(30000)
    page = context.new_page()
    if who == "coordinateur":
        sign_in(page, live_url, "coordinateur@demo.entente.fr", DEMO_PASSWORD)
    problems = []
    for path in pages:
        response = page.goto(live_url + path, wait_until="load")
        if response.status >= 500:
            problems.append(f"{path} ({who}, {width_name}) : HTTP {response.status}")
        if response.status != 200 or "/connexion/" in page.url:
            continue  # a private page answers 403/404 to a visitor, or sends them to sign in: nothing to look at
        shot = (
            SCREENSHOTS / f"{who}-{width_name}-{re.sub(r'[^a-z0-9]+', '_', path.lower()).strip('_') or 'accueil'}.png"
        )
        found = problems_of(page.evaluate(MEASURE), grammar, represented)
        page.screenshot(path=shot, full_page=bool(found))
        problems += [f"{path} ({who}, {width_name}) : {problem}" for problem in found]
    context.close()
    return problems


def test_every_main_page_of_the_demo_looks_right(_browser, live_server):
    from django.core.management import call_command

    import_demo_registry()
    call_command("load_demo", verbosity=0)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old_shot in SCREENSHOTS.glob("*.png"):
        old_shot.unlink()  # the folder shows this run only
    pages, grammar, represented = demo_pages(), demo_grammar(), represented_members()
    problems = []
    for who in ("coordinateur", "anonyme"):
        for width_name in WIDTHS:
            problems += visit(_browser, live_server.url, pages, who, width_name, grammar, represented)
    assert not problems, f"{len(problems)} problème(s), captures dans {SCREENSHOTS} :\n" + "\n".join(problems)


BROKEN_PAGE = """<!DOCTYPE html><html lang="fr"><body>
<div style="width: 2000px">Trop large</div>
<div class="fr-card" style="height: 3000px"><ul><li>Badge</li></ul>Trop haut</div>
<select name="kind"><option>Un</option></select><input type="text" name="nom" class="fr-input">
<p>Le Département de Indre-et-Loire, d'Indre-et-Loire, la Région Centre-Val de Loire, le Val de Loire.</p>
<table><tr><td>Coordination (démo)</td><td>Sans organisation</td></tr></table>
</body></html>"""


def test_the_checks_catch_each_defect_they_look_for(_browser):
    """The page check above can fail: a page with one defect of each kind gives one problem each."""
    context = _browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.set_content(BROKEN_PAGE)
    grammar = Grammar(
        {"Indre-et-Loire": "d'Indre-et-Loire", "Loire": "de la Loire", "Centre-Val de Loire": "du Centre-Val de Loire"}
    )
    grammar.protected = ["Centre-Val de Loire", *GEOGRAPHIC_NAMES]
    problems = problems_of(page.evaluate(MEASURE), grammar, {"Coordination (démo)"})
    context.close()
    assert [re.split(r" \d| :", problem)[0] for problem in problems] == [
        "déborde de",
        "élément de liste plus haut que l'écran",
        "champ sans classe DSFR",
        "grammaire",
        "« Sans organisation » pour un membre qui représente un partenaire",
    ], problems
    assert (
        "div.fr-card (3000 px)" in problems[1]
        and "select[name=kind]" in problems[2]
        and "« de Indre-et-Loire »" in problems[3]
    )

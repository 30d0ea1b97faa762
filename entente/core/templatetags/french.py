"""French grammar in templates: `{{ territory|de }}`, `{{ n|pluralize_fr:"déchèterie" }}`, `{{ n|pluralize }}`.

A builtin library (settings.TEMPLATES): every template has these filters without `{% load %}`,
and its `pluralize` replaces Django's, whose English rule makes "0 décisions".
"""

from django import template

from entente.core import french

register = template.Library()


@register.filter(name="de")
def de_filter(place) -> str:
    """{{ territory|de }} → "de la Loire", "du Loiret", "d'Indre-et-Loire"."""
    return french.de(place)


@register.filter(name="a_fr")
def a_filter(place) -> str:
    """{{ territory|a_fr }} → "à Tours", "au Mans", "aux Achards"."""
    return french.a(place)


@register.filter(name="dans")
def dans_filter(place) -> str:
    """{{ territory|dans }} → "dans la Loire", "en Indre-et-Loire", "à Tours"."""
    return french.dans(place)


@register.filter(name="with_article")
def with_article_filter(place) -> str:
    """{{ territory|with_article }} → "la Loire", "l'Ain", "Tours"."""
    return french.with_article(place)


@register.filter(name="pluralize_fr")
def pluralize_fr_filter(count, forms: str) -> str:
    """{{ n|pluralize_fr:"déchèterie" }} or {{ n|pluralize_fr:"journal,journaux" }} → "2 déchèteries"."""
    singular, _comma, plural = forms.partition(",")
    return french.pluralize_fr(count, singular, plural or None)


@register.filter(name="plural_form")
def plural_form_filter(count, forms: str) -> str:
    """The noun alone: {{ n|plural_form:"partenaire" }} → "partenaires"."""
    singular, _comma, plural = forms.partition(",")
    return french.plural_form(count, singular, plural or None)


@register.filter(name="pluralize", is_safe=False)
def pluralize_filter(value, arg: str = "s") -> str:
    """Django's |pluralize with the French rule: "0 décision", "1 décision", "2 décisions".

    Same arguments as Django's: a plural suffix ("s", "x") or "singular,plural" suffixes.
    """
    singular_suffix, _comma, plural_suffix = arg.rpartition(",") if "," in arg else ("", "", arg)
    try:
        count = float(value)
    except ValueError:  # A string that is not a number.
        return ""
    except TypeError:  # A list or a queryset: its length counts.
        try:
            count = len(value)
        except TypeError:
            return ""
    return singular_suffix if abs(count) < 2 else plural_suffix


@register.filter(name="agree_count")
def agree_count_filter(word: str, count) -> str:
    """{{ label|lower|agree_count:count }} → "engagées" after 2, "engagée" after 1, "à l'étude" always."""
    return french.agree_with_count(str(word), count)

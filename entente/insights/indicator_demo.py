"""Demo of shared indicators: the dashboard of « Piloter ensemble » for Indre-et-Loire and Loir-et-Cher.

Population and member communes come from the territories registry and are real. No public figure of
the two départements' finances, staff or social spending ships with the project, so the other values
are illustrative: stored with the « illustratif » origin, which the dashboard and its tables flag.
"""

from decimal import Decimal

from entente.accounts.models import User
from entente.cooperations.demo import demo_cooperation

from . import indicator_services as services
from .indicators import partner_territories
from .models import ValueOrigin

SLUG = "piloter-ensemble-37-41"
YEARS = [2021, 2022, 2023, 2024]
# Illustrative series per indicator code: (Indre-et-Loire, Loir-et-Cher) for each year above.
ILLUSTRATIVE = {
    "depenses-fonctionnement-hab": [(945, 1010), (982, 1041), (1018, 1079), (1046, 1102)],
    "epargne-brute": [("15.2", "13.8"), ("13.1", "12.4"), ("10.4", "9.7"), ("8.9", "8.1")],
    "capacite-desendettement": [("3.1", "4.2"), ("3.6", "4.5"), ("4.8", "5.6"), ("5.9", "6.3")],
    "effectifs-permanents": [(2210, 1395), (2236, 1402), (2251, 1418), (2268, 1431)],
    "absenteisme": [("9.1", "8.4"), ("9.6", "8.9"), ("9.3", "9.2"), ("9.0", "9.4")],
    "beneficiaires-rsa": [("33.5", "30.2"), ("32.1", "29.4"), ("31.8", "29.0"), ("32.4", "29.7")],
    "depenses-sociales-hab": [(585, 602), (611, 624), (640, 655), (662, 671)],
}
TARGETS = {"capacite-desendettement": Decimal(6)}


def load(stdout=None) -> dict:
    cooperation = demo_cooperation(SLUG)
    if cooperation is None or cooperation.indicators.exists():
        return {"loaded": []}
    coordinator = User.objects.filter(email="coordinateur@demo.entente.fr").first()
    services.add_presets(cooperation=cooperation, by=coordinator)
    territories = {p.territory.code: p.territory for p in partner_territories(cooperation)}
    pair = [territories.get("37"), territories.get("41")]
    for indicator in cooperation.indicators.filter(code__in=ILLUSTRATIVE):
        if indicator.code in TARGETS:
            services.save_indicator(
                cooperation=cooperation, by=coordinator, indicator=indicator, target=TARGETS[indicator.code]
            )
        for year, values in zip(YEARS, ILLUSTRATIVE[indicator.code], strict=True):
            for territory, value in zip(pair, values, strict=True):
                if territory is not None:
                    services.set_indicator_value(
                        indicator=indicator,
                        territory=territory,
                        year=year,
                        value=Decimal(str(value)),
                        by=coordinator,
                        may_write_any=True,
                        origin=ValueOrigin.ILLUSTRATIVE,
                    )
    if stdout:
        stdout.write(f"  indicateurs partagés : tableau de bord de « {cooperation.name} »")
    return {"loaded": [SLUG]}

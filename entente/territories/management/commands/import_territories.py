import time

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from tqdm import tqdm

from entente.core.french import pluralize_fr
from entente.territories.models import Territory, TerritoryKind
from entente.territories.registry import DEFAULT_SOURCE, RegistryError, load_registry
from entente.territories.services import MassRetirement, import_registry


class Command(BaseCommand):
    help = "Importe (ou met à jour) le référentiel des communes, EPCI, départements et régions."

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            default=str(DEFAULT_SOURCE),
            help="Fichier .json.gz d'Entente, dossier ou archive .tgz du paquet npm @etalab/decoupage-administratif.",
        )
        parser.add_argument(
            "--if-needed",
            action="store_true",
            help="Ne fait rien si la base contient déjà autant de territoires en vigueur que la source.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Importe même si la source retire une grande part des territoires en vigueur.",
        )

    def handle(self, *args, source, if_needed, verbosity, force=False, **options):
        started = time.monotonic()
        try:
            registry = load_registry(source)
        except RegistryError as error:
            raise CommandError(f"Import impossible depuis {source} : {error}") from error
        if if_needed and self._already_imported(registry):
            if verbosity:
                self.stdout.write("Référentiel des territoires déjà importé : rien à faire.")
            return
        # One bar per pass, each counting territories once: the person sees the number the
        # summary announces, not twice as many.
        total = sum(registry.counts().values())
        bars = {"file": self.stderr, "disable": verbosity == 0, "mininterval": 0.5, "total": total}
        with tqdm(desc="Import des territoires", unit=" territoires", **bars) as bar, \
                tqdm(desc="Index de recherche", unit=" territoires indexés", **bars) as index_bar:
            try:
                report = import_registry(registry, progress=bar, index_progress=index_bar, force=force)
            except MassRetirement as error:
                raise CommandError(f"Import refusé depuis {source} : {error}") from error
        if verbosity:
            counts = report.counts
            self.stdout.write(self.style.SUCCESS(
                f"Référentiel {registry.version} importé en {time.monotonic() - started:.1f} s : "
                f"{counts['communes']} communes, {counts['epci']} EPCI, {counts['departements']} départements, "
                f"{counts['regions']} régions ({pluralize_fr(report.created, 'créé')}, "
                f"{pluralize_fr(report.updated, 'modifié')}, "
                f"{pluralize_fr(report.retired, 'retiré')} du référentiel en vigueur)."
            ))

    def _already_imported(self, registry) -> bool:
        # Counting is cheap and catches a first run and a new release; the full import would
        # only diff and write nothing anyway, but takes a few seconds.
        current = Territory.objects.filter(is_current=True)
        if current.count() != sum(registry.counts().values()):
            return False
        # A database imported before the registry carried articles and EPCI source figures
        # has the same counts: every département and région has a TNCC, every EPCI a source figure.
        outdated = Q(kind__in=[TerritoryKind.DEPARTEMENT, TerritoryKind.REGION], tncc__isnull=True) | Q(
            kind=TerritoryKind.EPCI, source_population__isnull=True
        )
        return not current.filter(outdated).exists()

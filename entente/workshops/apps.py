from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "entente.workshops"
    label = "workshops"
    verbose_name = "Ateliers"

    def ready(self):
        from entente.cooperations.signals import member_partner_changed
        from entente.core.sections import HomeBlock, Section, register_home_block, register_section

        from . import rules
        from .home import workshops_home_context
        from .participant_services import fill_member_organization

        rules.register()
        member_partner_changed.connect(fill_member_organization, dispatch_uid="workshops_fill_member_organization")
        register_section(
            Section(
                label="Ateliers",
                url_name="workshops:list",
                ability="workshops_view",
                order=20,
                icon="fr-icon-lightbulb-line",
            )
        )
        register_home_block(
            HomeBlock(
                template="workshops/_cooperation_home.html",
                context=workshops_home_context,
                ability="workshops_view",
                order=25,
            )
        )

from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "entente.governance"
    label = "governance"
    verbose_name = "Gouvernance"

    def ready(self):
        from entente.core.sections import HomeBlock, Section, register_home_block, register_section

        from . import arbitration, rules

        rules.register()
        arbitration.register()
        register_section(Section(label="Gouvernance", url_name="governance:bodies", ability="view", order=40,
                                 icon="fr-icon-team-line"))
        register_home_block(HomeBlock(template="governance/_cooperation_followups.html",
                                      context=_followups_home_context, ability="view", order=20))


def _followups_home_context(request, cooperation):
    from .selectors import followups_for_cooperation_home

    return {"followups_block": followups_for_cooperation_home(cooperation, request.user)}

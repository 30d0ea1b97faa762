from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "entente.portfolio"
    label = "portfolio"
    verbose_name = "Portefeuille"

    def ready(self):
        from entente.core.sections import HomeBlock, Section, register_home_block, register_section
        from entente.workshops.hooks import IdeaFollowUp, register_idea_follow_up

        from . import rules
        from .home import portfolio_home_context
        from .selectors import action_from_idea_url, idea_action_links

        rules.register()
        register_idea_follow_up(IdeaFollowUp(links=idea_action_links, create_url=action_from_idea_url))
        register_section(Section(label="Portefeuille", url_name="portfolio:list", ability="portfolio_view",
                                 order=30, icon="fr-icon-folder-2-line"))
        register_home_block(HomeBlock(template="portfolio/_cooperation_home.html", context=portfolio_home_context,
                                      ability="portfolio_view", order=30))

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .charter_models import Charter, CharterAdoption, CharterSection, CharterVersion
from .models import Agreement, AgreementVersion, Annex, AnnexArticle, Article, Comment, Signatory, Signature


class ArticleInline(admin.StackedInline):
    model = Article
    extra = 0


class SignatoryInline(admin.TabularInline):
    model = Signatory
    extra = 0
    raw_id_fields = ["organization"]


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "cooperation", "kind", "status", "signed_on"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "cooperation__name"]
    raw_id_fields = ["cooperation", "parent", "created_by"]
    inlines = [ArticleInline, SignatoryInline]


class AnnexArticleInline(admin.StackedInline):
    model = AnnexArticle
    extra = 0


@admin.register(Annex)
class AnnexAdmin(SimpleHistoryAdmin):
    list_display = ["title", "agreement", "partnership"]
    raw_id_fields = ["agreement", "partnership"]
    inlines = [AnnexArticleInline]


@admin.register(AgreementVersion)
class AgreementVersionAdmin(admin.ModelAdmin):
    list_display = ["agreement", "number", "created_at", "created_by"]
    raw_id_fields = ["agreement", "created_by"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Signature)
class SignatureAdmin(SimpleHistoryAdmin):
    list_display = ["signatory", "version", "signed_on", "deliberation_reference"]
    raw_id_fields = ["signatory", "version", "recorded_by"]


@admin.register(Comment)
class CommentAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "author", "created_at", "resolved_at"]
    raw_id_fields = ["article", "annex_article", "author", "resolved_by"]


class CharterSectionInline(admin.StackedInline):
    model = CharterSection
    extra = 0


@admin.register(Charter)
class CharterAdmin(SimpleHistoryAdmin):
    list_display = ["title", "cooperation", "kind"]
    raw_id_fields = ["cooperation", "created_by"]


@admin.register(CharterVersion)
class CharterVersionAdmin(SimpleHistoryAdmin):
    list_display = ["charter", "number", "status", "published_at"]
    raw_id_fields = ["charter", "created_by"]
    inlines = [CharterSectionInline]


@admin.register(CharterAdoption)
class CharterAdoptionAdmin(admin.ModelAdmin):
    list_display = ["version", "user", "adopted_on"]
    raw_id_fields = ["version", "user", "partner"]

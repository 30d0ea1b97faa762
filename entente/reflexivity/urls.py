from django.urls import path  # noqa: F401  (patterns are added by each sub-domain)

app_name = "reflexivity"

urlpatterns = []

from django.urls import path

from . import views

app_name = "territories"

urlpatterns = [
    path("territoires/", views.search, name="search"),
    path("territoires/autocomplete/", views.autocomplete, name="autocomplete"),
    path("territoires/<str:kind>/<str:code>/", views.detail, name="detail"),
    path("organisations/<int:pk>/", views.organization, name="organization"),
]

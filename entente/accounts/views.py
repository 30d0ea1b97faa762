from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import proconnect, services
from .forms import LoginForm, ProfileForm, SignupForm, TokenForm
from .models import ApiToken


def _next_url(request, default="core:dashboard"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def login_view(request):
    form = LoginForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.user)
        return redirect(_next_url(request))
    status = (429 if form.retry_after else 400) if request.method == "POST" else 200
    if form.retry_after and not request.accepts("text/html"):
        # A script (not a browser) gets the refusal as JSON, still in French.
        response = JsonResponse({"detail": " ".join(form.non_field_errors())}, status=429)
        response["Retry-After"] = str(form.retry_after)
        return response
    response = render(request, "accounts/login.html", {
        "title": "Connexion", "form": form, "next": request.GET.get("next", ""),
        "proconnect": proconnect.is_configured(),
        "breadcrumb": [("Connexion", None)],
    }, status=status)
    if form.retry_after:
        response["Retry-After"] = str(form.retry_after)
    return response


@require_POST
def logout_view(request):
    # A session opened through ProConnect is also closed there (its URL needs the ID token,
    # read before the session is flushed).
    provider_url = proconnect.provider_logout_url(request) if request.session.get(proconnect.SESSION_FLAG) else None
    logout(request)
    messages.info(request, "Vous êtes déconnecté·e.")
    return redirect(provider_url or "core:home")


@login_required
def proconnect_welcome(request):
    """Where a person signed in by ProConnect lands while no cooperation counts them as a member."""
    return render(request, "accounts/proconnect_welcome.html", {
        "title": "Bienvenue sur Entente", "breadcrumb": [("Bienvenue", None)],
        "has_memberships": request.user.memberships.exists(),
    })


def signup(request):
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = services.register_user(
            email=data["email"], password=data["password1"], display_name=data["display_name"],
            function=data["function"], organization=data["organization"], job_title=data["job_title"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Votre compte est créé. Bienvenue sur Entente !")
        return redirect("core:dashboard")
    return render(request, "accounts/signup.html", {
        "title": "Créer un compte", "form": form, "breadcrumb": [("Créer un compte", None)],
    }, status=400 if request.method == "POST" else 200)


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Votre profil est enregistré.")
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {
        "title": "Mon profil", "form": form, "breadcrumb": [("Mon profil", None)],
    }, status=400 if request.method == "POST" else 200)


@login_required
def tokens(request):
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _token, new_token = services.issue_token(request.user, form.cleaned_data["name"])
        form = TokenForm()
    return render(request, "accounts/tokens.html", {
        "title": "Jetons d'API", "form": form, "new_token": new_token,
        "tokens": request.user.api_tokens.order_by("-created_at"),
        "breadcrumb": [("Mon profil", "/profil/"), ("Jetons d'API", None)],
    }, status=400 if request.method == "POST" and form.errors else 200)


@require_POST
@login_required
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.revoke_token(token)
    messages.success(request, f"Le jeton « {token.name} » est révoqué.")
    return redirect("accounts:tokens")

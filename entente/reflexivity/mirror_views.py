"""Pages of mirror sessions: prepared and read by the facilitator, answered by members or with a code."""

import secrets

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from entente.cooperations.context import space_context
from entente.cooperations.rules import get_cooperation_for_user
from entente.core.exports import csv_bytes
from entente.core.throttle import client_address
from entente.workshops.forms import JoinCodeForm
from entente.workshops.ratelimit import join_throttled_message, join_wait, record_seat, record_wrong_code

from . import mirror_services as services
from .mirror_exports import results_table
from .mirror_forms import MirrorAnswerForm, MirrorCreateForm, QuestionsForm, SynthesisForm
from .mirror_models import MIN_MIRROR_ANSWERS, MirrorSession
from .mirror_results import mirror_results
from .rules import get_mirror_for_user, mirror_abilities

HOME = "Réflexivité"
WRONG_CODE_MESSAGE = (
    "Ce code ne permet pas de répondre à un temps miroir. Vérifiez le code donné par l'animation : un temps miroir "
    "clos n'accepte plus de réponses."
)


def _crumbs(cooperation, *titles):
    return [(HOME, reverse("reflexivity:home", args=[cooperation.slug])), *titles]


def _page(request, template, cooperation, title, crumbs, status=200, **extra):
    return render(
        request, template, space_context(request, cooperation, page_title=title, crumbs=crumbs, **extra), status=status
    )


@login_required
def mirror_create(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "reflexivity_manage")
    meetings = services.mirror_meetings(cooperation)
    initial = {"meeting": request.GET.get("reunion")} if request.GET.get("reunion", "").isdigit() else None
    form = MirrorCreateForm(request.POST or None, meetings=meetings, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.create_session(meeting=form.cleaned_data["meeting"], user=request.user)
        except ValidationError as error:
            form.add_error("meeting", " ".join(error.messages))
        else:
            messages.success(request, f"Temps miroir préparé. Code de participation : {session.join_code}.")
            return redirect("reflexivity:mirror", slug, session.pk)
    title = "Préparer un temps miroir"
    return _page(
        request,
        "reflexivity/mirror/create.html",
        cooperation,
        title,
        _crumbs(cooperation, (title, None)),
        status=400 if form.errors else 200,
        form=form,
        has_meetings=meetings.exists(),
    )


def _join_url(request, session) -> str:
    return request.build_absolute_uri(reverse("reflexivity:mirror_join_code", args=[session.join_code]))


def mirror_detail(request, slug, pk):
    session = get_mirror_for_user(request.user, slug, pk, "view")
    abilities = mirror_abilities(request.user, session)
    extra = {}
    if abilities["facilitate"]:
        url = _join_url(request, session)
        extra = {
            "join_link": url,
            "qr": segno.make(url, error="m").svg_inline(scale=4, title=f"QR code pour répondre : {url}"),
            "results": mirror_results(session),
            "synthesis_form": SynthesisForm(initial={"synthesis": session.synthesis}),
        }
    else:
        extra = {"answers_count": session.responses.count()}
    return _page(
        request,
        "reflexivity/mirror/detail.html",
        session.cooperation,
        f"Temps miroir — {session.meeting}",
        _crumbs(session.cooperation, (str(session.meeting), None)),
        session=session,
        mirror_abilities=abilities,
        min_answers=MIN_MIRROR_ANSWERS,
        answered=services.has_answered(session, f"user:{request.user.pk}") if request.user.is_authenticated else False,
        **extra,
    )


def mirror_results_fragment(request, slug, pk):
    """Polled by the facilitator's page: the results appear by themselves once the third answer is in."""
    session = get_mirror_for_user(request.user, slug, pk, "facilitate")
    return render(
        request,
        "reflexivity/mirror/_results.html",
        {
            "session": session,
            "results": mirror_results(session),
            "min_answers": MIN_MIRROR_ANSWERS,
            "cooperation": session.cooperation,
        },
    )


@login_required
def mirror_questions(request, slug, pk):
    session = get_mirror_for_user(request.user, slug, pk, "facilitate")
    form = QuestionsForm(request.POST or None, questions=session.questions.all())
    if request.method == "POST" and form.is_valid():
        try:
            services.set_questions(session, user=request.user, questions=form.questions())
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, "Questionnaire enregistré.")
            return redirect("reflexivity:mirror", slug, pk)
    title = "Questions du temps miroir"
    return _page(
        request,
        "reflexivity/mirror/questions.html",
        session.cooperation,
        title,
        _crumbs(
            session.cooperation, (str(session.meeting), reverse("reflexivity:mirror", args=[slug, pk])), (title, None)
        ),
        status=400 if form.errors else 200,
        form=form,
        session=session,
        locked=session.responses.exists(),
    )


@login_required
@require_POST
def mirror_synthesis(request, slug, pk):
    session = get_mirror_for_user(request.user, slug, pk, "facilitate")
    form = SynthesisForm(request.POST)
    if form.is_valid():
        services.save_synthesis(session, user=request.user, synthesis=form.cleaned_data["synthesis"])
        messages.success(request, "Synthèse enregistrée : elle figure avec le compte rendu de la réunion.")
    else:
        messages.error(request, " ".join(form.errors["synthesis"]))
    return redirect("reflexivity:mirror", slug, pk)


@login_required
@require_POST
def mirror_settings(request, slug, pk):
    session = get_mirror_for_user(request.user, slug, pk, "facilitate")
    action = request.POST.get("action")
    if action == "renew_code":
        services.renew_code(session, user=request.user)
        messages.success(request, f"Nouveau code de participation : {session.join_code}.")
    elif action in ("open", "close"):
        services.set_accepting(session, user=request.user, accepts=action == "open")
        messages.success(
            request,
            "Le temps miroir recueille les réponses."
            if action == "open"
            else "Le temps miroir ne recueille plus de réponses.",
        )
    else:
        messages.error(request, "Action inconnue.")
    return redirect("reflexivity:mirror", slug, pk)


def mirror_export(request, slug, pk):
    session = get_mirror_for_user(request.user, slug, pk, "facilitate")
    header, rows = results_table(session, mirror_results(session))
    response = HttpResponse(csv_bytes(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="temps-miroir-{session.pk}.csv"'
    return response


def _answer(request, session, who, template_context, done_url):
    form = MirrorAnswerForm(request.POST or None, questions=session.questions.all())
    refusal = ""
    if request.method == "POST":
        if form.is_valid():
            try:
                services.submit_answers(session, who=who, answers=form.answers())
            except ValidationError as error:
                refusal = " ".join(error.messages)
            else:
                messages.success(
                    request,
                    "Merci : votre réponse anonyme est enregistrée. Vous pouvez la remplacer "
                    "tant que le temps miroir recueille les réponses.",
                )
                return redirect(done_url)
    elif not session.accepts_answers:
        refusal = services.CLOSED_MESSAGE
    status = 400 if request.method == "POST" and (refusal or form.errors) else 200
    context = {
        **template_context,
        "form": form,
        "refusal": refusal,
        "session": session,
        "answered": services.has_answered(session, who),
    }
    return render(request, "reflexivity/mirror/answer.html", context, status=status)


@login_required
def mirror_answer(request, slug, pk):
    session = get_mirror_for_user(request.user, slug, pk, "view")
    title = "Répondre au temps miroir"
    context = space_context(
        request,
        session.cooperation,
        page_title=title,
        crumbs=_crumbs(
            session.cooperation, (str(session.meeting), reverse("reflexivity:mirror", args=[slug, pk])), (title, None)
        ),
    )
    return _answer(
        request, session, f"user:{request.user.pk}", context, reverse("reflexivity:mirror_answer", args=[slug, pk])
    )


def mirror_join(request):
    form = JoinCodeForm(request.POST or request.GET or None)
    context = {
        "title": "Répondre à un temps miroir",
        "form": form,
        "breadcrumb": [("Répondre à un temps miroir", None)],
    }
    if form.is_bound and form.is_valid():
        address = client_address(request)
        wait = join_wait(address)
        if wait:
            context["throttled_message"] = join_throttled_message(wait)
            return render(request, "reflexivity/mirror/join.html", context, status=429)
        code = form.cleaned_data["code"]
        if MirrorSession.objects.filter(join_code=code, accepts_answers=True).exists():
            return redirect("reflexivity:mirror_join_code", code)
        record_wrong_code(address)
        form.add_error("code", WRONG_CODE_MESSAGE)
    return render(request, "reflexivity/mirror/join.html", context, status=400 if form.errors else 200)


def mirror_join_code(request, code):
    """Answer without an account: the browser's session holds a random seat, never a name."""
    address = client_address(request)
    wait = join_wait(address, code)
    if wait:
        context = {
            "title": "Répondre à un temps miroir",
            "form": JoinCodeForm(),
            "throttled_message": join_throttled_message(wait),
        }
        return render(request, "reflexivity/mirror/join.html", context, status=429)
    session = (
        MirrorSession.objects.select_related("meeting__body", "cooperation").filter(join_code=code.upper()).first()
    )
    if session is None:
        record_wrong_code(address)
        raise Http404(WRONG_CODE_MESSAGE)
    if request.user.is_authenticated:
        who = f"user:{request.user.pk}"
    else:
        seats = request.session.get("mirror_seats") or {}
        if str(session.pk) not in seats:
            seats[str(session.pk)] = secrets.token_urlsafe(24)
            request.session["mirror_seats"] = seats
            record_seat(address, session.join_code)
        who = f"seat:{seats[str(session.pk)]}"
    context = {
        "title": f"Temps miroir — {session.meeting}",
        "breadcrumb": [("Temps miroir", None)],
        "anonymous_page": True,
    }
    return _answer(request, session, who, context, reverse("reflexivity:mirror_join_code", args=[session.join_code]))

"""A background job's page: its progress (refreshed by HTMX), its result, or why it failed."""

from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .jobs import KINDS, get_job_for_user, retry_job
from .models import ACTIVE_STATUSES, Job, JobStatus


def job_detail(request, pk):
    job = get_job_for_user(request.user, pk)
    context = {"job": job, "kind_template": KINDS[job.kind].template}
    if request.htmx:
        return render(request, "core/_job_status.html", context)
    back = job.params.get("back")
    breadcrumb = [tuple(back), (job.label, None)] if back else [(job.label, None)]
    return render(request, "core/job.html", {**context, "title": job.label, "back": back, "breadcrumb": breadcrumb})


def job_download(request, pk):
    job = get_job_for_user(request.user, pk)
    if job.status != JobStatus.DONE or not job.result:
        raise Http404("Ce fichier n'est pas (ou plus) disponible.")
    return FileResponse(job.result.open("rb"), as_attachment=True, filename=job.result_name)


@require_POST
def job_retry(request, pk):
    job = retry_job(get_job_for_user(request.user, pk))
    return redirect("core:job", job.pk)


def document_or_preparation(request, *, ready, filename, content_type, kind, key, start, title, back):
    """One URL for a document made in the worker: a link that stays a link.

    GET serves the file already kept for the current content at once; when there is none yet it
    answers a small page (a GET never queues anything) whose button POSTs to the same address,
    which queues the job (or finds the one already queued) and leads to its page. `ready` is the
    stored file or None, `start()` queues the job, `back` is (label, URL).
    """
    if request.method == "POST":
        if ready is not None:  # made meanwhile (another click, another person): straight to it
            return redirect(request.get_full_path())
        return redirect("core:job", start().pk)
    if ready is not None:
        return FileResponse(ready.open("rb"), as_attachment=True, filename=filename, content_type=content_type)
    active = Job.objects.filter(kind=kind, key=key[:255], status__in=ACTIVE_STATUSES).first()
    return render(
        request,
        "core/job_pending.html",
        {
            "title": "Le document n'est pas encore prêt",
            "document": title,
            "active": active,
            "back": back,
            "breadcrumb": [tuple(back), ("Document à préparer", None)],
        },
    )

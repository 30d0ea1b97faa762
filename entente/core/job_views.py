"""A background job's page: its progress (refreshed by HTMX), its result, or why it failed."""

from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .jobs import get_job_for_user, retry_job
from .models import JobStatus


def job_detail(request, pk):
    job = get_job_for_user(request.user, pk)
    if request.htmx:
        return render(request, "core/_job_status.html", {"job": job})
    back = job.params.get("back")
    breadcrumb = [tuple(back), (job.label, None)] if back else [(job.label, None)]
    return render(request, "core/job.html", {"job": job, "title": job.label, "back": back, "breadcrumb": breadcrumb})


def job_download(request, pk):
    job = get_job_for_user(request.user, pk)
    if job.status != JobStatus.DONE or not job.result:
        raise Http404("Ce fichier n'est pas (ou plus) disponible.")
    return FileResponse(job.result.open("rb"), as_attachment=True, filename=job.result_name)


@require_POST
def job_retry(request, pk):
    job = retry_job(get_job_for_user(request.user, pk))
    return redirect("core:job", job.pk)

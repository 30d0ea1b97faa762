"""A meeting's minutes as a PDF, made by the worker and kept per content.

What the PDF shows depends on who reads it: visitors get the approved minutes only, and only
those who see the members get the names of the seats. Each audience gets its own file, named by
the fingerprint of its HTML (so a change of attendance, decisions or text makes a new one), kept
in the private storage: a GET serves a file already made, the worker makes the missing ones.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from entente.core.documents import render_pdf
from entente.core.jobs import JobFailed, JobKind, JobOutput, register, start_job
from entente.core.storage import private_storage, write_atomically

from . import rules, selectors
from .decision_models import Decision
from .hooks import minutes_sections
from .markdown_render import render_markdown
from .meeting_models import Meeting, MinutesStatus

MINUTES_PDF = "governance.minutes_pdf"
FORMAT_VERSION = "2"  # bump when minutes_pdf.html changes, to make the files again


@dataclass
class MinutesDocument:
    meeting: Meeting
    private: bool  # sees proposed minutes, not only approved ones
    people: bool  # sees who holds each seat

    @classmethod
    def for_user(cls, user, meeting):
        abilities = rules.abilities(user, meeting)
        return cls(meeting, abilities["view_drafts"], abilities["view_members"])

    def minutes(self):
        versions = self.meeting.minutes_versions.select_related("approved_in").order_by("-number")
        if not self.private:
            versions = versions.filter(status=MinutesStatus.APPROVED)
        return versions.first()

    def html(self, minutes, generated=None) -> str:
        meeting = self.meeting
        seats = selectors.seats_of(meeting.body)
        attendances = selectors.attendance_of(meeting)
        by_seat = {a.seat_id: a for a in attendances if a.seat_id}
        decisions = Decision.objects.filter(item__meeting=meeting).select_related("item")
        return render_to_string(
            "governance/minutes_pdf.html",
            {
                "cooperation": meeting.body.cooperation,
                "body": meeting.body,
                "meeting": meeting,
                "minutes": minutes,
                "minutes_html": render_markdown(minutes.text),
                "roles": selectors.roles_for_meeting(meeting),
                "quorum": selectors.quorum_of(meeting, seats, attendances),
                "guests": [a for a in attendances if not a.seat_id],
                "seat_rows": [(seat, by_seat.get(seat.pk)) for seat in seats],
                "show_people": self.people,
                "decisions": list(decisions.order_by("item__position", "number")),
                "extra_sections": minutes_sections(meeting, members=self.private),
                "generated": generated,
            },
        )

    @property
    def audience(self) -> str:
        return ("membres" if self.private else "public") + ("-noms" if self.people else "")

    def fingerprint(self, minutes) -> str:
        # The edition date printed in the file is left out: it does not make another content.
        data = self.html(minutes) + FORMAT_VERSION
        return hashlib.sha256(data.encode()).hexdigest()[:16]

    def path(self, fingerprint: str) -> Path:
        cooperation_id = self.meeting.body.cooperation.pk
        name = f"documents/minutes/{cooperation_id}/compte-rendu-{self.meeting.pk}-{self.audience}-{fingerprint}.pdf"
        return Path(private_storage().path(name))

    def filename(self, minutes) -> str:
        local = timezone.localtime(self.meeting.starts_at)
        return f"compte-rendu-{slugify(self.meeting.body.name)}-{local:%Y-%m-%d}-v{minutes.number}.pdf"

    def key(self, fingerprint: str) -> str:
        return f"{self.meeting.pk}:{self.audience}:{fingerprint}"

    def make(self, minutes) -> Path:
        path = self.path(self.fingerprint(minutes))
        if not path.exists():
            write_atomically(path, render_pdf(self.html(minutes, timezone.localtime())))
            for stale in path.parent.glob(f"compte-rendu-{self.meeting.pk}-{self.audience}-*.pdf"):
                if stale != path:
                    stale.unlink(missing_ok=True)
        return path

    def start(self, user, fingerprint: str):
        meeting = self.meeting
        return start_job(
            kind=MINUTES_PDF,
            key=self.key(fingerprint),
            user=user,
            cooperation=meeting.body.cooperation,
            label=f"Compte rendu — {meeting} (PDF)",
            params={"meeting": meeting.pk, "private": self.private, "people": self.people},
            back=(str(meeting), meeting.get_absolute_url()),
        )


def _run_minutes_pdf(job, progress) -> JobOutput:
    meeting = Meeting.objects.select_related("body__cooperation").filter(pk=job.params["meeting"]).first()
    if meeting is None:
        raise JobFailed("La réunion a été supprimée depuis la demande : il n'y a plus de compte rendu à produire.")
    document = MinutesDocument(meeting, job.params["private"], job.params["people"])
    minutes = document.minutes()
    if minutes is None:
        raise JobFailed(
            "Le compte rendu de cette réunion a été retiré depuis la demande : il n'y a plus rien à produire."
        )
    path = document.make(minutes)
    return JobOutput(
        content=path.read_bytes(),
        filename=document.filename(minutes),
        message=f"Le compte rendu (version {minutes.number}) est prêt.",
    )


def _sees_minutes_pdf(user, job) -> bool:
    """Whoever would get the same file: sees the meeting, with the same access to drafts and names."""
    if not Meeting.objects.filter(pk=job.params["meeting"]).exists():
        return user.is_authenticated and job.requested_by_id == user.pk
    try:
        meeting = rules.get_meeting_for_user(user, job.cooperation.slug, job.params["meeting"], "view")
    except (Http404, PermissionDenied):
        return False
    document = MinutesDocument.for_user(user, meeting)
    return (document.private, document.people) == (job.params["private"], job.params["people"])


register(JobKind(MINUTES_PDF, run=_run_minutes_pdf, visible_to=_sees_minutes_pdf))

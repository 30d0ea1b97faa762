"""iCalendar files: one meeting, a body's feed, a person's feed."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vText

from .meeting_models import MeetingStatus


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Entente//Gouvernance//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    return calendar


def meeting_event(meeting) -> Event:
    event = Event()
    body = meeting.body
    event.add("uid", f"{meeting.uid}@entente")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", str(meeting) if meeting.title else f"{body.name} — {meeting.get_format_display()}")
    event.add("sequence", meeting.sequence)
    location = meeting.place or meeting.online_url
    if location:
        event.add("location", vText(location))
    url = settings.SITE_BASE_URL.rstrip("/") + meeting.get_absolute_url()
    event.add("url", url)
    lines = [f"Instance : {body.name}", f"Format : {meeting.get_format_display()}"]
    if meeting.online_url:
        lines.append(f"Visioconférence : {meeting.online_url}")
    items = list(meeting.items.all())
    if items:
        lines.append("Ordre du jour :")
        lines.extend(f"{item.position}. {item.title} ({item.get_kind_display()})" for item in items)
    lines.append(url)
    event.add("description", "\n".join(lines))
    event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    return event


def meeting_ics(meeting) -> bytes:
    calendar = _calendar(str(meeting))
    calendar.add("method", "PUBLISH")
    calendar.add_component(meeting_event(meeting))
    return calendar.to_ical()


def feed_ics(name: str, meetings) -> bytes:
    calendar = _calendar(name)
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting))
    return calendar.to_ical()

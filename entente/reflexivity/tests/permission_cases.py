"""Permission matrix of reflexivity: every page and API operation of the app has its cases here."""

CASES = []

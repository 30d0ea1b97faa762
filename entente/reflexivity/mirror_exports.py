"""The export of a mirror session: its aggregated answers only, nothing under three answers."""


def results_table(session, results) -> tuple[list[str], list[list]]:
    header = ["Question", "Type", "Réponse", "Nombre"]
    rows = []
    if not results.shown:
        return header, [["Moins de 3 réponses : rien n'est montré.", "", "", results.answers]]
    for result in results.questions:
        question = result.question
        if result.counts:
            rows += [
                [question.text, question.get_kind_display(), f"{value} — {label}", count]
                for value, label, count in result.counts
            ]
        rows += [[question.text, question.get_kind_display(), text, ""] for text in result.texts]
    if session.synthesis:
        rows.append(["Synthèse", "", session.synthesis, ""])
    return header, rows

"""Near-duplicate pistes: TF-IDF over accent-folded words, French plurals reduced, word order ignored.

Pistes are grouped by complete linkage: a piste joins a group only if it resembles every piste
already in it (cosine similarity at or above the threshold), so that a chain of loosely related
pistes never snowballs into one giant group. Groups are proposed to the facilitator for a merge.
"""

from dataclasses import dataclass

from entente.core.text import fold

from .models import Idea

STOP_WORDS = frozenset(
    {
        "a",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "d",
        "dans",
        "de",
        "des",
        "du",
        "en",
        "et",
        "l",
        "la",
        "le",
        "les",
        "leur",
        "leurs",
        "ou",
        "par",
        "pour",
        "sa",
        "se",
        "ses",
        "sur",
        "un",
        "une",
        "entre",
        "nos",
        "notre",
        "vos",
        "votre",
        "son",
        "qui",
        "que",
    }
)
DEFAULT_THRESHOLD = 0.5


def singular(word: str) -> str:
    """Crude French singular: enough to make « formations communes » meet « formation commune »."""
    if len(word) > 4 and word.endswith("aux"):
        return word[:-3] + "al"
    if len(word) > 3 and word.endswith(("s", "x")) and not word.endswith(("ss", "us")):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    return [singular(word) for word in fold(text).split() if word not in STOP_WORDS and len(word) > 1]


@dataclass
class SimilarGroup:
    ideas: list[Idea]
    score: float  # the strongest similarity inside the group, 0–1

    @property
    def organizations(self) -> list[str]:
        return sorted({idea.organization.name for idea in self.ideas if idea.organization_id})


def similar_groups(workshop, threshold: float = DEFAULT_THRESHOLD) -> list[SimilarGroup]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    ideas = list(
        Idea.objects.filter(workshop=workshop, merged_into__isnull=True).select_related("organization").order_by("pk")
    )
    documents = [tokens(f"{idea.title} {idea.title} {idea.description}") for idea in ideas]
    if len([d for d in documents if d]) < 2:
        return []
    vectorizer = TfidfVectorizer(analyzer=lambda document: document)
    matrix = vectorizer.fit_transform(documents)
    similarity = (matrix @ matrix.T).toarray()
    result = []
    for members in _complete_linkage(similarity, threshold):
        score = max(similarity[i][j] for i in members for j in members if i < j)
        result.append(SimilarGroup(ideas=[ideas[m] for m in sorted(members)], score=float(score)))
    result.sort(key=lambda group: -group.score)
    return result


def _complete_linkage(similarity, threshold: float) -> list[set[int]]:
    size = len(similarity)
    pairs = sorted(
        ((similarity[i][j], i, j) for i in range(size) for j in range(i + 1, size) if similarity[i][j] >= threshold),
        reverse=True,
    )
    group_of: dict[int, int] = {}
    groups: dict[int, set[int]] = {}

    def close_to_all(candidates, members):
        return all(similarity[a][b] >= threshold for a in candidates for b in members)

    for _value, i, j in pairs:
        gi, gj = group_of.get(i), group_of.get(j)
        if gi is None and gj is None:
            groups[i] = {i, j}
            group_of[i] = group_of[j] = i
        elif gi is not None and gj is None and close_to_all([j], groups[gi]):
            groups[gi].add(j)
            group_of[j] = gi
        elif gj is not None and gi is None and close_to_all([i], groups[gj]):
            groups[gj].add(i)
            group_of[i] = gj
        elif gi is not None and gj is not None and gi != gj and close_to_all(groups[gj], groups[gi]):
            for member in groups.pop(gj):
                groups[gi].add(member)
                group_of[member] = gi
    return list(groups.values())

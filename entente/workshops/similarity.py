"""Near-duplicate pistes: TF-IDF over accent-folded words, French plurals reduced, word order ignored.

Two pistes are linked when the cosine similarity of their vectors reaches the threshold; linked
pistes form a group (connected components), proposed to the facilitator for a merge.
"""

from dataclasses import dataclass

from entente.core.text import fold

from .models import Idea

STOP_WORDS = frozenset({
    "a", "au", "aux", "avec", "ce", "ces", "d", "dans", "de", "des", "du", "en", "et", "l", "la", "le",
    "les", "leur", "leurs", "ou", "par", "pour", "sa", "se", "ses", "sur", "un", "une", "entre", "nos",
    "notre", "vos", "votre", "son", "qui", "que",
})
DEFAULT_THRESHOLD = 0.45


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
    similarity = (matrix @ matrix.T).tocoo()
    parent = list(range(len(ideas)))
    best = {}

    def root(index):
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for i, j, value in zip(similarity.row, similarity.col, similarity.data, strict=True):
        if i < j and value >= threshold:
            a, b = root(i), root(j)
            if a != b:
                parent[b] = a
            best[(i, j)] = value
    groups = {}
    for index in range(len(ideas)):
        groups.setdefault(root(index), []).append(index)
    result = []
    for members in groups.values():
        if len(members) < 2:
            continue
        score = max(v for (i, j), v in best.items() if i in members and j in members)
        result.append(SimilarGroup(ideas=[ideas[m] for m in members], score=float(score)))
    result.sort(key=lambda group: -group.score)
    return result

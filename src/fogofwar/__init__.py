"""fogofwar: turn conflict reporting into a ledger of attributed, checkable claims, offline.

    >>> import fogofwar
    >>> claims = fogofwar.extract("Officials said 12 soldiers were killed.", published="2024-12-16")

The pipeline (``fogofwar.pipeline``) runs named stages over each article; the ledger
(``fogofwar.store``) keeps their claims; the interfaces (CLI, HTTP, web) only read them.
"""

from fogofwar._version import __version__
from fogofwar.models import AnalyzedArticle, Article, Claim


def extract(text: str, published=None, doc_id: str = "text") -> list[Claim]:
    """Claims of one article's text; ``published`` (a date or ISO string) anchors dates."""
    from fogofwar.pipeline import extract as _extract

    return _extract(text, published=published, doc_id=doc_id)


def analyze(text: str, published=None, doc_id: str = "text") -> AnalyzedArticle:
    """Every annotation of one article's text: sentences, mentions, quantities, ..., claims."""
    from fogofwar.pipeline import analyze as _analyze

    return _analyze(text, published=published, doc_id=doc_id)


__all__ = ["__version__", "extract", "analyze", "Article", "AnalyzedArticle", "Claim"]

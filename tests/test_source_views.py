from assistant.corpus.loader import load_corpus
from assistant.corpus.views import source_views
from tests.conftest import REAL_CORPUS


def test_every_card_with_its_findings_and_confidence() -> None:
    views = source_views(load_corpus(REAL_CORPUS))
    assert [v.ref for v in views] == list(range(1, 11))
    buas = views[4]
    assert buas.match_confidence == "high" and len(buas.findings) == 6
    assert buas.findings[0].startswith("The study applied the buttock applied strain (BUAS) test")
    assert all(not f.startswith("-") for v in views for f in v.findings)
    assert views[3].identifiers_verified is False and views[3].alternatives

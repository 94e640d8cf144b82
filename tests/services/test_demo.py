"""The demo journal tells a coherent story that shows the new situations at work."""

from __future__ import annotations

from datetime import date

from journal.cards import Explainer
from journal.domain.model import context_on
from journal.domain.vocabulary import MedicationName, Pregnancy, PregnancyTestResult
from journal.services.demo import demo_data

TODAY = date(2026, 11, 22)


def test_the_demo_has_a_positive_test_hormone_therapy_and_an_ongoing_episode() -> None:
    data = demo_data(TODAY)
    positives = [t for t in data.pregnancy_tests if t.result is PregnancyTestResult.POSITIVE]
    assert len(positives) == 1
    assert any(t.result is PregnancyTestResult.NEGATIVE for t in data.pregnancy_tests)
    (estrogen,) = data.medications
    assert estrogen.name is MedicationName.VAGINAL_ESTROGEN
    assert estrogen.until is not None and estrogen.until < TODAY
    (current,) = [e for e in data.episodes if e.ongoing]
    assert current == data.episodes[-1]
    assert current.ended_at is None
    # No period after the positive test, and it came after the last period started.
    assert max(p.start for p in data.periods) < positives[0].date < current.day < TODAY
    assert data.profile.birth_year == TODAY.year - 34


def test_the_newest_demo_episode_is_in_a_pregnancy() -> None:
    data = demo_data(TODAY)
    explanation = Explainer(data).explain(data.episodes[-1].id)
    assert explanation.cycle.pregnancy is Pregnancy.PREGNANT
    assert explanation.to_json()["cycle"]["age"] == 34


def test_every_other_demo_episode_is_coherent_with_the_story() -> None:
    data = demo_data(TODAY)
    explainer = Explainer(data)
    for episode in data.episodes[:-1]:
        cycle = explainer.explain(episode.id).cycle
        # Only the newest episode falls in the pregnancy.
        assert cycle.pregnancy is not Pregnancy.PREGNANT, episode
    assert context_on(data, TODAY).trying_to_conceive

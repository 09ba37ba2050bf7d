"""Claims a report makes about the agreement itself, checked against the model.

A sentence that says what the agreement requires ("Lachin is to be handed over
by December 1") is compared with the obligations. A deadline is checked
against every deadline the obligation has had (the original and each
amendment); a figure against the targets of a progress obligation; the
agreement's own date against when it was announced. What does not match is a
discrepancy, with the report's words and the model's side, each cited.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from ..model import Agreement, Citation, Claim, DeadlineObligation, Discrepancy, ProgressObligation
from .dates import TimeMention
from .detect import Article, Reading
from .links import stems
from .quantities import quantities_in


def claims_in(article: Article, reading: Reading) -> list[Discrepancy]:
    """The discrepancies between what the sentence says of the agreement and the agreement."""
    sentence = reading.sentence
    rules = article.rules
    cited = Citation(source=article.source, quote=sentence.text, offsets=(sentence.start, sentence.end))
    found = [d for t, role in reading.times if role == "agreement" for d in _agreement_date(article, t, cited)]
    if not rules.claim_cue.search(sentence.text):
        return found
    dated = [t for t, role in reading.times if role in ("deadline", "plan") and t.exact]
    paired = _pair(dated, reading)
    for time in dated:
        listed = _listed_before(time, reading, article)
        place = paired.get(id(time)) or _place_for(time, reading, dated, article)
        for name in listed or ([place] if place is not None else []):
            found += _deadline(article.agreement, name, time.first, cited)
        if listed or place is not None:
            continue
        if rules.claim_action.search(sentence.text) and not rules.anaphor.search(sentence.text):
            found += _placeless(article, time.first, cited, sentence.text)
    found += _figures(article, reading, cited)
    return found


_GLUE = re.compile(r"^(?:\s*(?:,|and|&|the|regions?|districts?)\s*)+$", re.IGNORECASE)


def _listed_before(time: TimeMention, reading: Reading, article: Article) -> list[str]:
    """Places of a list that ends just before a deadline ("Aghdam, Kalbajar, and Lachin by December 1"): each shares it."""
    before = [p for p in reading.places if p.end <= time.start]
    if len(before) < 2 or not re.fullmatch(r"[\s\w-]{0,25}?(?:by|until|till|no later than|before)\s+(?:the\s+)?", article.text[before[-1].end : time.start], re.IGNORECASE):
        return []
    chain = [before[-1]]
    for earlier in reversed(before[:-1]):
        if _GLUE.match(article.text[earlier.end : chain[-1].start]):
            chain.append(earlier)
        else:
            break
    names = list(dict.fromkeys(p.value for p in reversed(chain)))
    return names if len(names) > 1 else []


def _pair(dated: list[TimeMention], reading: Reading) -> dict[int, str]:
    """Deadlines and places matched one to one, nearest in total, when there are enough places.

    "Lachin by 5 December and Agdam by 22 November" and "by 20 November – Aghdam, by 1 December –
    Lachin" both pair each place with its own date, whichever side of it the place stands.
    """
    places = list({p.start: p for p in reading.places}.values())
    if not dated or len(places) < len(dated) or len(places) > 6:
        return {}
    best = min(itertools.permutations(places, len(dated)), key=lambda chosen: sum(abs(p.start - t.start) for p, t in zip(chosen, dated)))
    return {id(t): p.value for t, p in zip(dated, best)}


def _place_for(time: TimeMention, reading: Reading, dated: list[TimeMention], article: Article) -> str | None:
    """The place a deadline is about: the nearest one between the deadlines before and after it."""
    low = max((t.end for t in dated if t.end <= time.start), default=reading.sentence.start)
    high = min((t.start for t in dated if t.start >= time.end), default=reading.sentence.end)
    near = [p for p in reading.places if low <= p.start and p.end <= high]
    if near:
        return min(near, key=lambda p: abs(p.start - time.start)).value
    if article.rules.anaphor.search(reading.sentence.text):
        return article.context_place()
    return None


def deadlines_of(agreement: Agreement, obligation_id: str) -> set[dt.date]:
    """Every day an obligation has been due: the original and each moved deadline."""
    days = {o.due.by for p in agreement.points for o in p.obligations if o.id == obligation_id and isinstance(o, DeadlineObligation) and o.due.by}
    days |= {a.due.by for a in agreement.amendments if a.obligation == obligation_id and a.due is not None and a.due.by}
    return days


def _obligations_naming(agreement: Agreement, place: str) -> list[DeadlineObligation]:
    from .links import place_names

    names = place_names(agreement, place)
    return [o for p in agreement.points for o in p.obligations if isinstance(o, DeadlineObligation) and names & set(re.findall(r"[a-z]+", o.summary.casefold()))]


def _deadline(agreement: Agreement, place: str, day: dt.date, cited: Citation) -> list[Discrepancy]:
    found = []
    for obligation in _obligations_naming(agreement, place):
        days = deadlines_of(agreement, obligation.id)
        if days and day not in days:
            model = f"{obligation.id} ({place}): due {' or '.join(d.isoformat() for d in sorted(days))}"
            found.append(_discrepancy(f"deadline for {place}", f"{place} by {day.isoformat()}", cited, model, _model_citation(agreement, obligation, cited)))
    return found


def _placeless(article: Article, day: dt.date, cited: Citation, text: str) -> list[Discrepancy]:
    """A deadline for something the agreement names nowhere: a discrepancy if its subject is more than a party."""
    rules = article.rules
    end = rules.subject_end.search(text)
    subject = text[: end.start()].strip() if end else ""
    state_words = {w.casefold() for words in rules.states.values() for w in words}
    content = [w for w in re.findall(r"[A-Za-z]+", subject) if w.casefold() not in state_words and len(w) > 3]
    if len(content) < 2:
        return []
    agreement = article.agreement
    due = [o for p in agreement.points for o in p.obligations if isinstance(o, DeadlineObligation) and day in deadlines_of(agreement, o.id)]
    model = "; ".join(f"{o.id}: {o.summary}" for o in due) or f"no obligation of {agreement.id} is due on {day.isoformat()}"
    source = _model_citation(agreement, due[0], cited) if due else _agreement_citation(agreement, cited)
    return [_discrepancy(f"what is due by {day.isoformat()}", f"{subject} by {day.isoformat()}", cited, model, source)]


def _figures(article: Article, reading: Reading, cited: Citation) -> list[Discrepancy]:
    """Figures the sentence gives for what a progress obligation counts, where none of its targets agrees."""
    sentence = reading.sentence
    excluded = [(t.start, t.end) for t, _ in reading.times]
    progress = [o for p in article.agreement.points for o in p.obligations if isinstance(o, ProgressObligation)]
    found = []
    for quantity in quantities_in(article.text, sentence.start, sentence.end, excluded):
        fitting = [(o, t) for o in progress for t in o.targets if _same_count(quantity.name, t.name, article.rules.figure_words)]
        if fitting and all(t.value != quantity.value for _, t in fitting):
            obligation, target = fitting[0]
            model = f"{obligation.id}: {target.text or f'{target.value:g} {target.name}'}"
            found.append(_discrepancy(f"figure for {target.name}", quantity.text or f"{quantity.value:g}", cited, model, _model_citation(article.agreement, obligation, cited)))
    return found


def _same_count(said: str, target: str, groups: tuple[frozenset[str], ...]) -> bool:
    """Whether a reported figure counts what a target counts: the same last word, or last words of one group."""
    said_head, target_head = said.casefold().split()[-1], target.casefold().split()[-1]
    if stems(said_head) == stems(target_head):
        return True
    return any(said_head in group and target_head in group for group in groups)


def _agreement_date(article: Article, time: TimeMention, cited: Citation) -> list[Discrepancy]:
    """A date given for the agreement (or a supplement to it) that matches none of their announcements."""
    window = time.window(article.zone)
    agreement = article.agreement
    dates = [agreement.announced, *(a.announced for a in agreement.amendments if a.kind == "supplement")]
    if any(window.earliest <= d.latest and d.earliest <= window.latest for d in dates):
        return []
    model = f"announced {agreement.announced}"
    return [_discrepancy("date of the agreement", time.text, cited, model, _agreement_citation(agreement, cited))]


def _discrepancy(about: str, said: str, cited: Citation, model: str, source: Citation) -> Discrepancy:
    return Discrepancy(about=about, claims=[Claim(value=said, citation=cited), Claim(value=model, citation=source)], note="The report's claim does not match the agreement as modelled.")


def _model_citation(agreement: Agreement, obligation: DeadlineObligation | ProgressObligation, fallback: Citation) -> Citation:
    """The obligation's first quoted source, else its first source, else the agreement's."""
    quoted = [c for c in obligation.sources if c.quote]
    if quoted:
        return quoted[0]
    return obligation.sources[0] if obligation.sources else _agreement_citation(agreement, fallback)


def _agreement_citation(agreement: Agreement, fallback: Citation) -> Citation:
    """The agreement's first source; for an agreement that declares none, the report, with a note."""
    if agreement.sources:
        return Citation(source=agreement.sources[0].id, note=f"the text of {agreement.id}")
    return fallback.model_copy(update={"note": f"compared with {agreement.id} as modelled; the agreement declares no source"})

"""Quote extraction on real sentences: every kind, the negative cases, the seeds, offsets."""

from __future__ import annotations

import pytest
from conftest import BBC, SEEDS, needs_bbc

from corpus.quotes.api import quotes_from_text
from corpus.quotes.marks import quote_segments


def _quotes(nlp, text, article_id="a1"):
    qs = quotes_from_text(text, nlp=nlp, article_id=article_id)
    for q in qs:  # offsets always round-trip
        assert text[q.start : q.end] == q.text
        if q.speaker:
            assert text[q.speaker.start : q.speaker.end] == q.speaker.text
        if q.cue:
            assert text[q.cue.start : q.cue.end] == q.cue.text
    return qs


def _one(nlp, text):
    qs = _quotes(nlp, text)
    assert len(qs) == 1, [q.text for q in qs]
    return qs[0]


# --- direct quotes -------------------------------------------------------------------------------


def test_direct_quote_before_cue(nlp):
    q = _one(nlp, '"We will not back down from this fight," Trudeau said on Monday.')
    assert q.kind == "direct"
    assert q.text == '"We will not back down from this fight,"'
    assert q.speaker.text == "Trudeau" and q.cue.text == "said"


def test_direct_quote_after_cue_with_colon(nlp):
    q = _one(nlp, 'Navdeep Bains said: "China is applying pressure on Canada to use Huawei gear."')
    assert q.kind == "direct"
    assert q.text == '"China is applying pressure on Canada to use Huawei gear."'
    assert q.speaker_name == "Navdeep Bains"


def test_colon_introduction_in_the_paragraph_before(nlp):
    text = (
        "Marta Olsen spent the morning at the flooded school.\n\n"
        "Olsen continued:\n\n"
        '"Every classroom on the ground floor will need new walls before the winter term begins."'
    )
    q = _one(nlp, text)
    assert q.kind == "direct" and q.text.startswith('"Every classroom')
    assert q.speaker.text == "Olsen" and q.cue.text == "continued"
    assert q.speaker_name == "Marta Olsen"


def test_colon_after_a_manner_verb_with_a_named_subject(nlp):
    text = (
        "The minister listed the new rules at length. Okafor shot back: "
        '"None of these rules were shown to the councils that have to enforce them."'
    )
    q = _one(nlp, text)
    assert q.speaker.text == "Okafor" and q.cue.text.startswith("shot")


def test_colon_after_a_verb_with_an_object_introduces_no_speaker(nlp):
    # near-miss: "made a promise:" says what the promise was, the quote keeps the earlier speaker
    text = (
        '"The flood took everything from the lower town," Mayor Ines Duarte said on Monday. '
        'Duarte then made a promise to the families: "We will rebuild every single house that the water took."'
    )
    qs = _quotes(nlp, text)
    last = qs[-1]
    assert last.text.startswith('"We will rebuild')
    assert last.cue is None or last.cue.text != "made"


def test_speaker_label_before_a_colon(nlp):
    text = (
        "Turnout in the northern towns was higher than forecast - Ana Ruiz: "
        '"The lines at the polling stations were longer than anyone had planned for."'
    )
    q = _one(nlp, text)
    assert q.kind == "direct" and q.text.startswith('"The lines')
    assert q.speaker.text == "Ana Ruiz" and q.speaker_name == "Ana Ruiz"


def test_speaker_label_of_two_names_and_a_more_from_label(nlp):
    text = (
        "Turnout in the north was up - Ana Ruiz and Li Wei: "
        '"The lines at the polling stations were longer than anyone had planned for."\n\n'
        "The south was different - More from Ruiz: "
        '"In the southern towns the stations were almost empty by the afternoon."'
    )
    qs = _quotes(nlp, text)
    assert [q.speaker.text for q in qs] == ["Ana Ruiz and Li Wei", "Ruiz"]
    assert qs[1].speaker_name == "Ana Ruiz"


def test_place_label_before_a_colon_is_a_heading(nlp):
    # near-miss: a place before the colon heads the paragraph, it says nothing
    text = 'The results came in late.\n\nIowa: "The lines at the polling stations were longer than planned."'
    assert all(q.speaker is None or q.speaker.text != "Iowa" for q in _quotes(nlp, text))


def test_inverted_cue_said_bains(nlp):
    q = _one(
        nlp, "“The decision is a setback for everyone who worked on it,” said Navdeep Bains, the innovation minister."
    )
    assert q.kind == "direct" and q.text.startswith("“The decision") and q.text.endswith(",”")
    assert q.speaker.text == "Navdeep Bains" and q.cue.text == "said"


def test_split_quote_gives_two_linked_parts(nlp):
    qs = _quotes(nlp, 'Chrystia Freeland spoke on Monday. "We are ready to act," she said, "and we will act quickly."')
    assert [q.text for q in qs] == ['"We are ready to act,"', '"and we will act quickly."']
    assert {q.speaker_name for q in qs} == {"Chrystia Freeland"}
    assert all(q.kind == "direct" and q.cue.text == "said" for q in qs)


def test_multi_sentence_quote_is_one_quote(nlp):
    q = _one(nlp, '"The talks went well. We expect a deal soon," Chrystia Freeland said.')
    assert q.text == '"The talks went well. We expect a deal soon,"'


def test_multi_paragraph_quote_continues(nlp):
    text = (
        'Mayor Doug McCallum spoke at city hall. "Our officers will be on the streets by spring, '
        'and we will hire more of them next year,\n\n"Surrey deserves a police force of its own," he said.'
    )
    qs = _quotes(nlp, text)
    assert len(qs) == 2
    first, second = qs
    assert "\n" not in first.text and first.text.startswith('"Our officers')
    assert {first.speaker_name, second.speaker_name} == {"Doug McCallum"}


def test_partial_quote_inside_sentence_is_mixed(nlp):
    q = _one(nlp, 'Justin Trudeau said he was "deeply disappointed" by the court\'s decision.')
    assert q.kind == "mixed"
    assert q.text == 'he was "deeply disappointed" by the court\'s decision'
    assert q.speaker_name == "Justin Trudeau"


def test_floating_quote_continues_previous_speaker(nlp):
    text = '"We are not going anywhere," Kim Moran said.\n\n"This is our home and we will fight for it."'
    first, second = _quotes(nlp, text)
    assert first.kind == "direct" and first.speaker_name == "Kim Moran"
    assert second.kind == "floating"
    assert second.speaker is None and second.cue is None
    assert second.speaker_name == "Kim Moran"


def test_short_quoted_sentence_after_cue_floats(nlp):
    qs = _quotes(
        nlp,
        '"I was clear that we need more police officers on our streets," Mayor Doug McCallum '
        'said. "Surrey deserves better."',
    )
    assert [q.kind for q in qs] == ["direct", "floating"]
    assert all(q.speaker_name == "Doug McCallum" for q in qs)


# --- indirect quotes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, content, speaker, cue",
    [
        (
            "Navdeep Bains said China is applying pressure on Canada to use Huawei technology.",
            "China is applying pressure on Canada to use Huawei technology",
            "Navdeep Bains",
            "said",
        ),
        (
            "Jagmeet Singh told CTV that the government had failed to act on the report.",
            "that the government had failed to act on the report",
            "Jagmeet Singh",
            "told",
        ),
        (
            "Health officials warned that the number of cases could double by the end of the month.",
            "that the number of cases could double by the end of the month",
            "Health officials",
            "warned",
        ),
        (
            "Erin O'Toole insisted the party would not change its position on carbon pricing.",
            "the party would not change its position on carbon pricing",
            "Erin O'Toole",
            "insisted",
        ),
        (
            "The company denied that it had shared any user data with foreign governments.",
            "that it had shared any user data with foreign governments",
            "The company",
            "denied",
        ),
        (
            "Mr. Hemming argued that the move disadvantaged his group in its dispute.",
            "that the move disadvantaged his group in its dispute",
            "Mr. Hemming",
            "argued",
        ),
    ],
)
def test_indirect_quote_with_reporting_verb(nlp, text, content, speaker, cue):
    q = _one(nlp, text)
    assert q.kind == "indirect"
    assert q.text == content
    assert q.speaker.text == speaker and q.cue.text == cue


def test_according_to(nlp):
    q = _one(nlp, "The plan will cost $2 billion over five years, according to the finance department.")
    assert q.kind == "indirect"
    assert q.text == "The plan will cost $2 billion over five years"
    assert q.speaker.text == "the finance department" and q.cue.text == "according to"


def test_participle_cue_inherits_the_speaker(nlp):
    qs = _quotes(
        nlp,
        "Mr. Hemming argued that the move disadvantaged his group in its dispute, noting the "
        "station's board frequently lobbies its members through e-mails.",
    )
    assert [q.text for q in qs] == [
        "that the move disadvantaged his group in its dispute",
        "the station's board frequently lobbies its members through e-mails",
    ]
    assert qs[1].cue.text == "noting" and qs[1].speaker.text == "Mr. Hemming"


def test_coordinated_clause_continues_the_content(nlp):
    q = _one(
        nlp,
        "Lee Finell said she is unsure what direction school programs will go, but that her "
        "organization will continue to promote milk.",
    )
    assert q.text == (
        "she is unsure what direction school programs will go, but that her organization will continue to promote milk"
    )


def test_parenthetical_cue_splits_its_content(nlp):
    qs = _quotes(
        nlp, "It is on Trudeau's watch, Scheer said, that the country is facing regional divisions over oil pipelines."
    )
    assert [q.text for q in qs] == [
        "It is on Trudeau's watch",
        "that the country is facing regional divisions over oil pipelines",
    ]
    assert {q.speaker.text for q in qs} == {"Scheer"}


def test_embedded_post_is_quoted_by_its_author(nlp):
    text = (
        "Rempel did not back down.\n\nAlso, you don't show up to debate me. Bring it, but you won't. "
        "https://t.co/oI5iCg4bU3 — Michelle Rempel (@MichelleRempel) December 18, 2018\n\nShe said more."
    )
    q = next(q for q in _quotes(nlp, text) if q.speaker and q.speaker.text == "Michelle Rempel")
    assert q.text == "Also, you don't show up to debate me. Bring it, but you won't."
    assert q.speaker_name == "Michelle Rempel" and q.cue is None


def test_link_paragraphs_hold_no_quotes(nlp):
    text = (
        "READ MORE: Federal budget won't be balanced until 2040, Finance Department says\n\n"
        "Scheer said the budget would be balanced in two years."
    )
    assert [q.speaker.text for q in _quotes(nlp, text)] == ["Scheer"]


def test_report_under_according_to_is_the_inner_quote(nlp):
    # the "according to" source reports what Bains told: one quote, Bains's, not an overlapping pair
    q = _one(
        nlp,
        "According to CTV News, Bains told CTV’s Question Period in an interview China is "
        "“applying pressure” on Canada to use Huawei gear for 5G networks.",
    )
    assert q.text == "China is “applying pressure” on Canada to use Huawei gear for 5G networks"
    assert q.speaker.text == "Bains" and q.cue.text == "told"


def test_report_of_a_report_is_the_outer_quote_and_the_inner_one(nlp):
    # a reporting verb is a speech act of its own: what the paper reported is a quote, and so is what
    # the mayor told aides inside it (a report inside a report, corpus.quotes.nesting)
    q, inner = _quotes(nlp, "The Gazette reported on Monday that the mayor told aides she would not run again.")
    assert q.text == "that the mayor told aides she would not run again"
    assert q.speaker.text == "The Gazette" and q.cue.text == "reported"
    assert inner.text == "she would not run again"
    assert inner.speaker.text == "the mayor" and inner.cue.text == "told"


def test_answer_word_then_a_time_clause_is_no_content(nlp):
    # "when reporters asked …" is when he said no, not what he said
    q = _one(nlp, "The senator shook his head and said no when reporters asked if the bill would pass this week.")
    assert q.text == "if the bill would pass this week" and q.speaker.text == "reporters"


def test_according_to_covers_its_clause_not_the_embedded_report(nlp):
    text = (
        "Meanwhile, calling for an instant ban on Huawei, the Conservatives passed the motion 178 to 146, "
        "saying that the Liberal government had to “grow a spine,” according to sources."
    )
    acc, saying = _quotes(nlp, text)
    assert acc.cue.text == "according to" and acc.speaker.text == "sources"
    assert acc.text == "calling for an instant ban on Huawei, the Conservatives passed the motion 178 to 146"
    assert saying.cue.text == "saying" and saying.text.startswith("that the Liberal government")
    assert saying.speaker_name == "Conservatives"


def test_embedded_report_stays_inside_the_content(nlp):
    # "when they say …" is part of what Trudeau said, not a quote by "they"
    q = _one(
        nlp,
        "Prime Minister Justin Trudeau said the Conservatives are flat-out lying when they say the "
        "agreement overrides Canada's sovereignty.",
    )
    assert q.text.endswith("when they say the agreement overrides Canada's sovereignty")
    assert q.speaker_name == "Justin Trudeau"


@pytest.mark.parametrize(
    "text, first, second",
    [
        (
            "Vice-President Dick Cheney admitted that the budget was the toughest of the Bush presidency but argued "
            'it was "fair and responsible".',
            "that the budget was the toughest of the Bush presidency",
            'it was "fair and responsible"',
        ),
        (
            "Andrew Weaver said the by-election sent a message to his party and he said things are going to change "
            "in the legislature.",
            "the by-election sent a message to his party",
            "things are going to change in the legislature",
        ),
    ],
)
def test_coordinated_report_ends_the_first_content(nlp, text, first, second):
    assert [q.text for q in _quotes(nlp, text)] == [first, second]


def test_indirect_content_does_not_run_across_a_sentence_end(nlp):
    q = _one(
        nlp,
        "The Maldives has gross domestic product of $660m. \"It won't be surprising if the cost "
        'exceeds our GDP," he said.',
    )
    assert q.kind == "direct" and q.text.startswith("\"It won't")


def test_abbreviation_does_not_end_the_content(nlp):
    q = _one(nlp, "Purdy says he’s lost 16 lbs. since he signed up for the Heart and Stroke Foundation's program.")
    assert q.text == "he’s lost 16 lbs. since he signed up for the Heart and Stroke Foundation's program"


def test_flattened_multi_paragraph_quote_is_one_quote(nlp):
    # the BBC corpus joins a quote's paragraphs on one line: `…but this. "I know …`
    q = _one(
        nlp,
        'Gary Lightbody added: "It got to the stage that things could not go on as they were, so we '
        'felt there was no other course of action. "I know you will all be distressed but we had to '
        'do what was best for the band." The band is working on a new album.',
    )
    assert q.kind == "direct" and q.text.endswith('best for the band."') and q.speaker_name == "Gary Lightbody"


def test_multi_paragraph_embedded_post(nlp):
    text = (
        "The motion passed on Tuesday.\n\nConservatives are today calling for a ban on Huawei.\n\n\n\n"
        "Huawei's involvement threatens Canada's national security.\n\n\n\nTime for the gov't to decide."
        "#cdnpoli pic.twitter.com/9YdTkTbNES — Jasraj Singh Hallan (@jasrajshallan) November 17, 2020\n\n"
        "The vote was 178 to 146."
    )
    q = _one(nlp, text)
    assert q.text.startswith("Conservatives are today calling") and q.text.endswith("decide.#cdnpoli")
    assert q.speaker_name == "Jasraj Singh Hallan"


# --- not quotes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'Critics have called the so-called "experts" a distraction.',  # scare quotes
        'She watched the film "The Power of the Dog" twice last week.',  # title of a work
        'The word "pivot" appeared 40 times in the report.',  # a single quoted word
        '"Canada Strong"\n\nThe government unveiled its new budget on Tuesday.',  # a quoted headline
        "He would not say which ministers will run again.",  # negated cue
        "Trudeau was asked whether the government would appeal.",  # a question, passive
        '"It could be worse," I said to my daughter.',  # the writer quoting themselves
    ],
)
def test_not_quotes(nlp, text):
    assert _quotes(nlp, text) == []


# --- ids, component, API --------------------------------------------------------------------------


def test_quote_ids_are_stable_and_relative_to_the_article(nlp):
    text = '"We will not back down from this fight," Trudeau said on Monday.'
    a = _quotes(nlp, text, article_id="art-1")
    b = _quotes(nlp, text, article_id="art-1")
    assert a[0].id == b[0].id and a[0].id.startswith("art-1#")


def test_component_is_registered_and_sets_doc_extensions(nlp):
    from spacy.language import Language
    from spacy.tokens import Doc

    from corpus.quotes.component import QUOTES_PIPE

    assert Language.has_factory(QUOTES_PIPE)
    assert QUOTES_PIPE in nlp.pipe_names
    assert Doc.has_extension("quotes") and Doc.has_extension("entities")
    doc = nlp('"We will win," Jagmeet Singh said.')
    assert [q.text for q in doc._.quotes] == ['"We will win,"']
    assert any(e.name == "Jagmeet Singh" for e in doc._.entities)


def test_any_pipeline_adds_the_quotes_component_by_name_after_install():
    """The spacy_factories entry point: a script that imports only spaCy gets the component."""
    import subprocess
    import sys
    import textwrap

    from corpus.nlp import resolve_model_name

    script = textwrap.dedent(
        f"""
        import spacy
        nlp = spacy.load({resolve_model_name()!r})
        nlp.add_pipe("quotes")
        assert "doc._.quotes" in nlp.get_pipe_meta("quotes").assigns
        doc = nlp("“The plan is dead on arrival,” Maria Lopez said.")
        print(doc._.quotes[0].text, "|", doc._.quotes[0].speaker_name)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd="/", timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "“The plan is dead on arrival,” | Maria Lopez"


def test_analyse_doc_and_analysis_key(nlp):
    from corpus.analysis import EXTRACTOR_VERSION, analyse_doc, analysis_key

    doc = nlp('"We will win," Jagmeet Singh said.')
    analysis = analyse_doc(doc)
    assert analysis.n_words == 6
    assert analysis.quotes[0].id.startswith("#")
    assert analysis.for_article("x").quotes[0].id.startswith("x#")
    assert analysis_key(nlp).endswith(EXTRACTOR_VERSION)


def test_quote_segments_pair_marks_by_paragraph():
    text = 'He said "hi there" and “yes," then\n“open para\n\n“closed.”'
    segs = [(s.start, s.end, s.closed) for s in quote_segments(text)]
    assert [text[a:b] for a, b, _ in segs] == ['"hi there"', '“yes,"', "“open para", "“closed.”"]
    assert [c for *_, c in segs] == [True, True, False, True]


def test_flattened_paragraph_break_keeps_the_quote_open():
    text = 'He added: "It went well. "We will win." Then "so-called experts. "Yes," she said.'
    assert [text[s.start : s.end] for s in quote_segments(text)] == [
        '"It went well. "We will win."',
        '"so-called experts. "Yes,"',
    ]


# --- the seeds -----------------------------------------------------------------------------------


def _seed(name):
    return (SEEDS / name).read_text(encoding="utf-8")


def test_seed_000_quotes_and_speakers(nlp):
    text = _seed("000_7275c8d3644f7e00.txt")
    qs = _quotes(nlp, text)
    by_start = {q.text[:40]: q for q in qs}
    names = [q.speaker_name for q in qs]
    assert names.count("Navdeep Bains") >= 4
    assert names.count("Justin Trudeau") == 2
    first = next(q for q in qs if q.text.startswith("China is pressuring Canada"))
    assert first.kind == "indirect" and first.speaker_name == "Navdeep Bains" and first.cue.text == "says"
    clearly = next(q for q in qs if q.text.startswith("“Clearly they are applying pressure"))
    assert clearly.kind == "direct" and clearly.speaker.text == "Bains" and clearly.text.endswith("”")
    minister = next(q for q in qs if q.text.startswith("“When it comes to the safety"))
    assert minister.speaker.text == "the Minister" and minister.speaker_name == "Navdeep Bains"
    added = next(q for q in qs if q.cue and q.cue.text == "added")
    assert added.text.startswith("Canada is an independent country") and added.speaker_name == "Navdeep Bains"
    assure = next(q for q in qs if q.text.startswith("“I can assure you"))
    assert assure.speaker_name == "Justin Trudeau" and assure.cue.text == "saying"
    assert by_start


def test_seed_002_quotes_and_speakers(nlp):
    text = _seed("002_5a601dedb20f2c10.txt")
    qs = _quotes(nlp, text)
    tweet = next(q for q in qs if q.cue and q.cue.text == "tweeted")
    assert tweet.speaker_name == "François-Philippe Champagne"
    assert tweet.text.startswith("that such sanctions were “an important tool")
    spine = next(q for q in qs if "grow a spine" in q.text and q.cue.text == "saying")
    assert spine.speaker_name == "Conservatives"
    poll = next(q for q in qs if q.text.startswith("56 per cent"))
    assert poll.speaker_name == "Angus Reid Institute"
    # the "according to" phrase covers the vote, not the Conservatives' own statement after "saying"
    globe = next(q for q in qs if q.cue and q.cue.text == "according to" and "Globe" in q.speaker.text)
    assert globe.text.startswith("calling for an instant ban") and globe.end <= spine.start
    # the pasted tweet: three paragraphs, without its picture link
    hallan = next(q for q in qs if q.speaker_name == "Jasraj Singh Hallan")
    assert hallan.text.startswith("Conservatives are today calling") and hallan.text.endswith("#cdnpoli")


def test_seed_000_no_according_to_around_the_told_quote(nlp):
    qs = _quotes(nlp, _seed("000_7275c8d3644f7e00.txt"))
    assert not any(q.cue and q.cue.text == "According to" for q in qs)
    told = next(q for q in qs if q.cue and q.cue.text == "told")
    assert told.speaker_name == "Navdeep Bains"


def _overlaps(qs):
    """Pairs of quotes that overlap without one holding the other (a report inside a report may)."""
    qs = sorted(qs, key=lambda q: (q.start, -q.end))
    return [
        (a.text, b.text)
        for i, a in enumerate(qs)
        for b in qs[i + 1 :]
        if b.start < a.end and not (a.start <= b.start and b.end <= a.end)
    ]


def test_no_two_quotes_overlap_in_the_seeds(nlp):
    for path in sorted(SEEDS.glob("*.txt")):
        assert _overlaps(_quotes(nlp, path.read_text(encoding="utf-8"))) == [], path.name


@needs_bbc
@pytest.mark.slow  # dominates `make check` (still runs in `make test`)
def test_no_two_quotes_overlap_in_bbc_articles(nlp):
    from corpus.quotes.component import QUOTES_PIPE

    paths = sorted(BBC.glob("*/0[0-2]*.txt"))
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    assert QUOTES_PIPE in nlp.pipe_names
    for path, doc in zip(paths, nlp.pipe(texts, batch_size=32), strict=False):
        assert _overlaps(doc._.quotes) == [], path


# --- doubled single marks as quote marks -----------------------------------------------------------


def test_doubled_apostrophes_are_quote_marks(nlp):
    text = "''The bridge will reopen in spring,'' said Dana Whitfield, the city engineer. ''We are on schedule.''"
    qs = _quotes(nlp, text)
    assert [q.text for q in qs] == ["''The bridge will reopen in spring,''", "''We are on schedule.''"]
    assert qs[0].kind == "direct" and qs[0].speaker_name == "Dana Whitfield"
    assert qs[1].speaker_name == "Dana Whitfield"  # a floating quote continues her


def test_typographic_doubled_marks_and_an_unbalanced_closing_mark():
    text = "He said ‘‘the ferry is late’’ and “we will wait’’ before noon."
    assert [text[s.start : s.end] for s in quote_segments(text)] == ["‘‘the ferry is late’’", "“we will wait’’"]


def test_single_apostrophes_are_not_quote_marks():
    text = "The band's '90s hits, rock 'n' roll and the fans' chants were loud."
    assert quote_segments(text) == []


# --- a cue that interrupts its content ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, pieces",
    [
        (
            "When she finally got inside the hall, she said, the doors were already shut.",
            ["When she finally got inside the hall", "the doors were already shut"],
        ),
        ("The new bridge, the engineer says, will open in May.", ["The new bridge", "will open in May"]),
    ],
)
def test_interrupted_content_is_linked_pieces_with_one_speaker(nlp, text, pieces):
    qs = _quotes(nlp, text)
    assert [q.text for q in qs] == pieces
    assert len({q.speaker.text for q in qs}) == 1 and len({q.cue.start for q in qs}) == 1


def test_a_cue_after_an_introductory_phrase_does_not_interrupt(nlp):
    q = _one(nlp, "On Monday, she said the hall was shut for repairs.")
    assert q.text == "the hall was shut for repairs"
    # a framing phrase set off before the cue is no piece of the content either
    assert [q.text for q in _quotes(nlp, "At the same time, she added, the council will vote in May.")] == [
        "the council will vote in May"
    ]


# --- questions and opinions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, content",
    [
        ("The mayor asked whether the council could finish the budget by June.", "whether the council could finish"),
        ("Then Ms. Ortiz asked the students if they had read the report.", "if they had read the report"),
        ("He wondered whether the river would flood again this year.", "whether the river would flood"),
    ],
)
def test_indirect_questions_are_reported_speech(nlp, text, content):
    q = _one(nlp, text)
    assert q.text.startswith(content) and q.kind == "indirect"


@pytest.mark.parametrize(
    "text",
    [
        "She asked for a recount.",  # a request for a thing, no clause
        "Local doctors urged the province to reopen the clinic before winter.",  # object + infinitive
        "She believes the plan will fail before the winter.",  # opinion verbs report no speech
        "Many residents hope the ferry will return next year.",
    ],
)
def test_requests_and_opinions_are_not_quotes(nlp, text):
    assert _quotes(nlp, text) == []


def test_the_same_content_after_a_verb_of_saying_is_a_quote(nlp):
    assert _one(nlp, "She said the plan will fail before the winter.").text == "the plan will fail before the winter"


def test_a_quotation_the_cue_interrupts_is_two_pieces_with_one_speaker(nlp):
    text = "''The plan is dead,'' Maria Lopez said in a statement, ''and nobody will revive it before the vote.''"
    qs = _quotes(nlp, text)
    assert [q.text for q in qs] == ["''The plan is dead,''", "''and nobody will revive it before the vote.''"]
    assert [q.speaker_name for q in qs] == ["Maria Lopez", "Maria Lopez"]


def test_a_cue_whose_content_is_unquoted_does_not_take_the_next_quotation(nlp):
    text = "Maria Lopez said the plan was dead, “and nobody will revive it before the vote.”"
    qs = _quotes(nlp, text)
    assert len(qs) == 1 and qs[0].kind == "mixed"  # one report: the quoted words are part of its content

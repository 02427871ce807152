"""A Conversation is made per chat turn (Coach.ask): what it derives from the data files alone (cue
rules, clause pattern, executive titles, spelling) is compiled once per process and reused."""

from __future__ import annotations

import re

from assistant.conversation import cues


def test_a_second_conversation_compiles_no_pattern(chat, monkeypatch):
    first = chat("first")
    compiled = []
    real_compile, real_group = re._compile, cues.group
    monkeypatch.setattr(re, "_compile", lambda *a, **k: compiled.append(a[0]) or real_compile(*a, **k))
    monkeypatch.setattr(cues, "group", lambda phrases: compiled.append(tuple(phrases)) or real_group(phrases))

    second = chat("second")

    assert compiled == []  # not even a hit in re's own cache, which a busy process evicts (512 entries)
    reader, again = first.reader, second.reader
    assert again.clause_re is reader.clause_re and again.executive_titles is reader.executive_titles
    assert again.cue_rules is reader.cue_rules and again.spelling is reader.spelling


def test_the_shared_parts_still_read_a_blocker(chat):
    """The reused parts work in a second conversation as in the first: a quarter-end push is heard."""
    for session in ("one", "two"):
        answer = chat(session).ask("I need to close this before quarter end, should I pitch DQ to Acme")
        assert "timing.quota_driven" in {a.rule for a in answer.applied}, answer.text


def test_a_second_question_builds_no_product_descriptions(chat, coach, monkeypatch):
    """Products by what they do are built once per catalog and name parameters, not per question;
    a catalog whose descriptions change is read anew at the next question."""
    from assistant.conversation import resolve
    from assistant.conversation.known_names import KnownNames

    conversation = chat("described")
    params = conversation.reader.spec.names

    def world():
        return KnownNames(coach, conversation.book, None, None, params)

    first = world().described
    built = []
    real = resolve.Described
    monkeypatch.setattr(resolve, "Described", lambda *a, **k: built.append(a) or real(*a, **k))
    assert world().described is first and built == []

    catalog = coach.catalog()
    product = catalog.products[0]
    product.adjacent_features = [*product.adjacent_features, "ledger reconciliation"]
    coach.store.replace_catalog(catalog)
    again = world().described
    assert len(built) == 1 and again is not first
    assert again.read("the ledger reconciliation tool") == ([product.name], "ledger reconciliation")


def test_a_clause_read_again_in_a_turn_is_not_folded_or_searched_again(chat, coach, monkeypatch):
    """One turn reads the same clauses several times (blockers, what is calmed or taken back): their
    words and cues are worked out once; a change of the accounts' possessives reads them anew."""
    from assistant.conversation.known_names import KnownNames

    conversation = chat("clauses")
    reader = conversation.reader
    clause = "Kestrel's quarter ends in January and I need this for my number"
    first_cues, first_words = reader.cued(clause), reader.said(clause).words
    assert "kestrel's" in first_words  # (no accounts known yet: a possessive like any other)

    folded, searched = [], []
    real_of, real_fires = cues.Said.of, cues.fires
    monkeypatch.setattr(cues.Said, "of", classmethod(lambda cls, *a: folded.append(a) or real_of(*a)))
    monkeypatch.setattr(cues, "fires", lambda *a, **k: searched.append(a) or real_fires(*a, **k))
    assert reader.cued(clause) == first_cues and reader.said(clause).words == first_words
    assert folded == [] and searched == []

    reader.know_accounts(KnownNames(coach, conversation.book, None, None, reader.spec.names))
    assert "their" in reader.said(clause).words and "kestrel's" not in reader.said(clause).words
    assert len(folded) == 1


def test_a_word_group_is_compiled_once(chat, monkeypatch):
    """Phrasebook.word_pattern (asked several times a message) sorts and escapes a group's phrases
    once, not at every call."""
    from assistant.conversation import phrasebook

    book = chat("word groups").book
    first = book.word_pattern("stop")
    built = []
    real = phrasebook.alternation
    monkeypatch.setattr(phrasebook, "alternation", lambda phrases, **k: built.append(phrases) or real(phrases, **k))
    assert book.word_pattern("stop") is first and built == []
    assert first.search(" what is the plan ") is not None  # (still the group's words)


def test_a_second_question_builds_no_common_words(chat, coach):
    """The words that never start or end a typed name are one set per phrasebook: a KnownNames is
    made per question and must not gather them again."""
    from assistant.conversation.known_names import KnownNames

    conversation = chat("common")
    first, second = (KnownNames(coach, conversation.book, None, None, conversation.reader.spec.names)
                     for _ in range(2))
    assert first.common is second.common
    assert {w for phrase in conversation.book.words["stop"] for w in phrase.split()} <= first.common


def test_a_second_question_builds_no_product_or_people_names(chat, coach, monkeypatch):
    """Products by name and alias, an account's people and the words of every name are built once
    for the same names (a KnownNames is made per question); a changed catalog is read anew."""
    from assistant.conversation import resolve
    from assistant.conversation.known_names import KnownNames

    conversation = chat("names")
    params = conversation.reader.spec.names

    def world():
        return KnownNames(coach, conversation.book, None, None, params)

    first = world()
    products, people, words = first.products, first.people("Acme Corp"), first.name_words
    built = []
    real = resolve.Names
    monkeypatch.setattr(resolve, "Names", lambda *a, **k: built.append(a[0]) or real(*a, **k))
    again = world()
    assert again.products is products and again.people("Acme Corp") is people and again.name_words is words
    assert built == []

    catalog = coach.catalog()
    catalog.products[0].aliases = [*catalog.products[0].aliases, "the ledger"]
    coach.store.replace_catalog(catalog)
    changed = world()
    assert changed.products is not products and built == ["product"]
    assert changed.products.resolve("the ledger").name == catalog.products[0].name
    assert "ledger" in changed.name_words


def test_people_named_without_an_account_are_looked_for_without_reading_each_account(chat, coach, monkeypatch):
    """A question naming a person and no account looks for them in every account the viewer may
    see: their names are read once per data version, not account by account at every question;
    an AM finds only the people of their own accounts, and a changed account is read anew."""
    from assistant.access import Viewer, scoped_store
    from assistant.conversation.known_names import KnownNames

    conversation = chat("everyone")
    params = conversation.reader.spec.names

    def world(viewer=None):
        return KnownNames(coach, conversation.book, viewer, None, params)

    everyone = world().everyone
    acme = coach.account("Acme Corp")
    someone = acme.stakeholders[0].name
    assert everyone.homes[someone] == ("Acme Corp",)
    read = []
    real = type(coach.store).account
    monkeypatch.setattr(type(coach.store), "account", lambda self, name: read.append(name) or real(self, name))
    assert world().everyone.homes == everyone.homes and read == []

    maya = Viewer("Maya Lindqvist", "am")
    theirs = world(maya).everyone.homes
    assert theirs and someone not in theirs  # (Acme is Jordan's)
    assert all(coach.account(home).owner == "Maya Lindqvist" for homes in theirs.values() for home in homes)
    assert {owner for _, owner, _ in scoped_store(coach.store, maya).stakeholder_names()} == {"Maya Lindqvist"}

    acme.stakeholders[0].name = "Wilhelmina Okafor"
    coach.store.import_accounts([acme])
    homes = world().everyone.homes
    assert homes["Wilhelmina Okafor"] == ("Acme Corp",) and someone not in homes


def test_a_cue_rule_stops_at_its_first_group_missing_from_the_clause(monkeypatch):
    """Every clause is tried against every cue rule: a rule whose first group is not in the clause
    does not search the clause for its other groups (most rules stop there)."""
    from assistant.conversation import cues

    rule = cues.CueRule(all=(cues.group(["quarter"]), cues.group(["my"])))
    searched = []
    real = cues._first
    monkeypatch.setattr(cues, "_first", lambda words, text: searched.append(words) or real(words, text))
    assert not cues.fires(rule, cues.Said.of("their budget is tight this month"), frozenset({"not"}), 3)
    assert searched == [rule.all[0]]
    assert cues.fires(rule, cues.Said.of("I need it for my quarter"), frozenset({"not"}), 3)
    assert not cues.fires(rule, cues.Said.of("not for my quarter"), frozenset({"not"}), 3)

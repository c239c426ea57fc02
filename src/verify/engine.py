"""Runs the stages for each claims file: load -> anchor -> relate -> evaluate -> waive -> mark.

The engine is the only place that gives findings their rule id and severity.
"""
from __future__ import annotations

import gc
import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import cache, partial
from pathlib import Path

from verify import config as settings
from verify import project, walk
from verify.anchor import coverage, quotes
from verify.config import Config
from verify.evaluate import judge, rules, slips, waive
from verify.evaluate.judge import Judgement
from verify.evaluate.rules import Context
from verify.load import claims
from verify.model import (
    Claim,
    ClaimsFile,
    FileResult,
    Finding,
    Location,
    Outcome,
    Relation,
    RunResult,
    Severity,
    Verdict,
    has_control,
    printable,
)
from verify.relate import corrections, quantities, relations
from verify.relate.quantities import Article
from verify.values import units


def claims_files(paths: list[str], exclude: tuple[str, ...] = ()) -> list[str]:
    """The files named and the claims files in the folders named (walk.find says which)."""
    return list(walk.find(paths, exclude).files)


def check_paths(paths: list[str], config: Config | None = None,
                require_coverage: bool = False) -> RunResult:
    """Each claims file with `config`, or else with its own project's settings."""
    projects = project_settings()
    return run(claims_files(paths), config or (lambda path: settings_of(path, projects)),
               require_coverage)


def project_settings() -> Callable[[Path], Config]:
    """project root -> its settings (config.for_project), each project read once a run."""
    return cache(settings.for_project)


def settings_of(path: str, projects: Callable[[Path], Config]) -> Config:
    """The settings of a claims file: those of its project (project.project_root), wherever
    verify runs from."""
    return projects(project.project_root(Path(path).parent))


def run(files: list[str], config: Config | Callable[[str], Config], require_coverage: bool = False,
        jobs: int = 1, progress: Callable[[int, int], None] | None = None) -> RunResult:
    """Check every file, in `jobs` processes; results in the order of `files`.  `config` is
    the settings of every file, or a function giving a file's."""
    with project.remembering():
        return _run(files, config, require_coverage, jobs, progress)


def _run(files: list[str], config: Config | Callable[[str], Config], require_coverage: bool,
         jobs: int, progress: Callable[[int, int], None] | None) -> RunResult:
    configs = [config(path) if callable(config) else config for path in files]
    check = partial(_check_with, require_coverage=require_coverage)
    results = []
    if jobs > 1 and len(files) > 1:
        from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415 - ~30 ms: only when asked for
        with ProcessPoolExecutor(jobs) as pool:
            # small chunks: the last ones end together (a file of an archive is ~50 ms;
            # a chunk's round trip well under one)
            chunk = max(1, min(8, len(files) // (jobs * 64)))
            for result in pool.map(check, files, configs, chunksize=chunk):
                results.append(result)
                if progress:
                    progress(len(results), len(files))
    else:
        for path, file_config in zip(files, configs, strict=True):     # one config per file
            results.append(check(path, file_config))
            if progress:
                progress(len(results), len(files))
    return RunResult(tuple(results))


def _check_with(path: str, config: Config, require_coverage: bool) -> FileResult:
    return check_file(path, config, require_coverage)


def check_file(path: str, config: Config, require_coverage: bool = False) -> FileResult:
    """One claims file, whatever it holds: an unexpected failure becomes a finding too.
    Every text a finding shows is made printable here, once, for every report.

    The cycle collector is off while a file is checked (`uncollected`): checking makes almost
    no reference cycles (the 20,000-claim file peaks at the same memory either way), and the
    collector's passes over a large file's young objects took 10 s of 127 at 100,000 claims."""
    with uncollected():
        try:
            with project.remembering():
                result = _check_file(path, config, require_coverage)
            return replace(result, findings=tuple(f.printable() for f in result.findings))
        except RecursionError:
            return _fatal(path, "the file is nested too deeply to check")
        except Exception as error:   # a bug must not lose the other files of the run
            return _fatal(path, f"internal error while checking: {type(error).__name__}: {error}")


@contextmanager
def uncollected() -> Iterator[None]:
    """The cycle collector off within, and as it was after.  For work that makes many objects
    and almost no cycles: a file's check, and a whole run with its reports (the command
    line), whose results are acyclic records.  Worker processes started within inherit it."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _fatal(path: str, message: str) -> FileResult:
    return FileResult(path, findings=(_input_error(Outcome(Verdict.INVALID, printable(message),
                                                           location=Location(path))),), fatal=True)


def _input_error(outcome: Outcome) -> Finding:
    """An input problem that leaves the file uncheckable: an error (exit 2) whatever the
    settings say of rule `input`, which rules only the problems of a file still checked."""
    return _finding("input", Severity.ERROR, outcome)


# (outcome, rule id, the relation or claim it is about, or None)
Evaluated = list[tuple[Outcome, str, "Relation | Claim | None"]]


def _check_file(path: str, config: Config, require_coverage: bool) -> FileResult:
    loaded = claims.load(path, config)
    if loaded.claims_file is None:
        return FileResult(path, findings=tuple(sorted(map(_input_error, loaded.problems),
                                                      key=Finding.sort_key)), fatal=True)
    claims_file, anchor_outcomes = quotes.anchor(loaded.claims_file)
    del loaded          # the claims as read, before anchoring: a large file's are many megabytes
    found = corrections.versions(claims_file)       # None: no source corrects another
    ctx = _context(found.corrected if found else claims_file, config)
    if _article(ctx).ambiguous:   # a scope that names no quantity: the file cannot be checked
        return FileResult(path, findings=tuple(sorted(
            (_input_error(_placed(o, subject, ctx)) for o, _, subject in _ambiguous(_article(ctx), ctx)),
            key=Finding.sort_key)), fatal=True)
    evaluated: Evaluated = [(o, "anchor", None) for o in anchor_outcomes]
    passes_at = len(evaluated)
    evaluated += [(o, "input", None) for o in _control_characters(claims_file)]
    evaluated += [(o, "input", None) for o in slips.of_file(claims_file)]   # did-you-means
    judged = _judged(ctx)
    evaluated += judged
    # anchoring's passes, one per claim, made after the judge (whose peak is a large file's)
    # and put where they always were
    evaluated[passes_at:passes_at] = [(o, "anchor", None) for o in _anchored(claims_file, anchor_outcomes)]
    if found is not None:
        evaluated += _corrections(found, ctx, judged)
    if config.enabled("coverage"):
        evaluated += [(o, "coverage", None) for o in coverage.uncovered(claims_file)]
    findings = _stamped(evaluated, ctx, require_coverage)
    findings, stale = waive.waive(findings, claims_file, claims_file.relations)  # implied: none
    findings += _stamped([(o, "waiver", None) for o in stale], ctx, require_coverage)
    findings.sort(key=Finding.sort_key)
    sources = tuple(sorted(claims_file.sources, key=lambda s: s.id))     # not the file's order
    marks = coverage.marks(claims_file, findings)
    return FileResult(path, sources, len(claims_file.claims), tuple(findings),
                      corrections.marked(marks, found) if found else marks)


def _context(claims_file: ClaimsFile, config: Config) -> Context:
    """What the rules look at: the file (as corrected, when a source corrects another)."""
    return Context(claims_file, {c.id: c for c in claims_file.claims}, config,
                   relations.build(claims_file))


def _article(ctx: Context) -> Article:
    """The article's model, which every context the engine builds holds (only the narrowed
    context a rule may make for itself leaves it out)."""
    if ctx.article is None:
        raise ValueError("a context without the article's model")
    return ctx.article


def _judged(ctx: Context) -> Evaluated:
    """The outcomes of the judge and of every rule on the file of `ctx`."""
    claims_file, config, article = ctx.claims_file, ctx.config, _article(ctx)
    verdicts = judge.judge(article, ctx)
    ctx = replace(ctx, implied=verdicts.implied)
    evaluated: Evaluated = []
    for relation in _relations(claims_file, article):
        evaluated.extend(_relation(relation, ctx, verdicts))
    for relation in claims_file.relations:     # an explicit same ties quantities: its units only
        if relation.kind == "same":
            evaluated.extend(_every_relation(relation, ctx))
    evaluated.extend((o, rule, subject) for rule, o, subject in verdicts.conflicts + verdicts.notes)
    evaluated.extend(_unconverted(article, ctx))
    for rule in rules.of_claims():
        if config.enabled(rule.id):
            evaluated.extend((o, rule.id, claim) for claim in claims_file.claims
                             if rule.wants is None or rule.wants(claim)
                             for o in rule.check(claim, ctx))
    return evaluated


def _corrections(found: corrections.Versions, ctx: Context, judged: Evaluated) -> Evaluated:
    """The replacements' notes and misquoted earlier figures; and the problems of the file as
    published that the corrected figures settle, found by judging it as published too."""
    out: Evaluated = [(o, "correction", None) for o in found.outcomes]
    published = _context(found.published, ctx.config)
    if _article(published).ambiguous or not ctx.config.enabled("correction"):
        return out
    before = _stamped(_judged(published), published, False)
    after = _stamped(judged, ctx, False)
    return out + [(o, "correction", None) for o in corrections.settled(before, after, found)]


def _stamped(evaluated: Evaluated, ctx: Context, require_coverage: bool) -> list[Finding]:
    """The findings of the outcomes, each with its rule id and the severity checks/ gives
    that rule; a rule set to `off` gives none."""
    out = []
    for outcome, rule, subject in evaluated:
        ceiling = ctx.config.severity(rule)
        if ceiling is None:
            continue
        if rule == "coverage" and require_coverage:
            ceiling = Severity.ERROR
        out.append(_finding(rule, _severity(outcome, ceiling), _placed(outcome, subject, ctx)))
    return out


def _control_characters(claims_file: ClaimsFile) -> list[Outcome]:
    """A control character in a claim (an escape sequence, a CR) is shown escaped in every
    report, and said where it is: it is rarely meant, and it could hide a CI log line."""
    texts = [(claim, _texts(claim)) for claim in claims_file.claims]
    # one search of the whole file first: a control character is rare, and a search of each
    # field of each claim was 1.4% of an archive file's time
    if not has_control("".join(text for _, fields in texts for _, text in fields)):
        return []
    return [Outcome(Verdict.INVALID, f"the {name} of claim '{claim.id}' holds a control "
                    f"character: \"{text}\"; expected plain text", (claim.id,), location=claim.loc)
            for claim, fields in texts for name, text in fields if has_control(text)]


def _texts(claim: Claim) -> list[tuple[str, str]]:
    """(field, text) of each text of a claim written in its claims file."""
    return [("quote", claim.quote), ("measure", claim.measure or ""),
            *((f"scope {d}", f"{d} {v}") for d, v in claim.scope),
            ("value", claim.figure.text if claim.figure else claim.written or ""),
            ("items", " ".join(claim.items))]


def _relations(claims_file: ClaimsFile, article: Article) -> list[Relation]:
    """The relations the rules check: the file's own (a `same` only ties quantities together),
    one `same` per quantity stated by several claims, and the breakdowns' sums."""
    out = [r for r in claims_file.relations if r.kind != "same"]
    by_id = {c.id: c for c in claims_file.claims}
    for q in article.quantities:
        if len(q.claims) > 1:
            stating = quantities.canonical_claims([by_id[i] for i in q.claims])
            out.append(Relation("same", f"same-{stating[0].id}",
                                (("same", tuple(c.id for c in stating)),), stating[0].loc,
                                implied=True))
    return out + list(article.implied)


def _ambiguous(article: Article, ctx: Context) -> Iterator[tuple[Outcome, str, Claim]]:
    """A scope that leaves out a dimension with several wholes says no quantity."""
    for claim_id, dim, wholes in article.ambiguous:
        yield (Outcome(Verdict.INVALID, f"claim {claim_id} leaves out {dim}, which has several "
                       f"wholes ({', '.join(wholes)}); expected {dim}: one of them in its scope",
                       (claim_id,)), "input", ctx.claims[claim_id])


def _unconverted(article: Article, ctx: Context) -> Iterator[tuple[Outcome, str, Claim]]:
    """A quantity stated in units that do not convert (GBP and USD): a modelling error."""
    for claim_id, index in article.unconverted:
        claim, quantity = ctx.claims[claim_id], article.quantities[index]
        unit = claim.figure.unit if claim.figure is not None else None    # a quantity's claim: set
        yield (Outcome(Verdict.INVALID, f"claim {claim_id} states {quantity.name} in "
                       f"{unit}, which cannot be compared with {quantity.unit}, the "
                       "unit of its other claims", (claim_id,) + quantity.claims), "units", claim)


def _anchored(claims_file: ClaimsFile, problems: list[Outcome]) -> list[Outcome]:
    """A pass for every claim whose quote and figure were found: anchoring is a check too."""
    failed = {c for o in problems for c in o.claims}
    return [Outcome(Verdict.HOLDS, f"the quote of '{c.id}' is in the source", (c.id,),
                    location=c.loc, spans=(c.span,), quotes=((c.id, c.quote),))
            for c in claims_file.claims if c.id not in failed and c.span is not None]


def _every_relation(relation: Relation, ctx: Context) -> Evaluated:
    """The outcomes of the rules that check every relation (units) on `relation`."""
    return [(o, rule.id, relation) for rule in rules.every_relation()
            if ctx.config.enabled(rule.id) for o in rule.check(relation, ctx)]


def _relation(relation: Relation, ctx: Context,
              verdicts: Judgement) -> Iterator[tuple[Outcome, str, Relation | Claim | None]]:
    """The rules of every relation (units) first; a relation they find invalid (across
    incompatible units) is not evaluated further.  Then the rule of its kind.

    A contradiction the judge reported for this relation is not repeated; a relation over a
    quantity stated two ways is judged by each of its statements."""
    first = _every_relation(relation, ctx)
    yield from first
    rule = rules.by_kind()[relation.kind]
    if any(o.verdict is Verdict.INVALID for o, _, _ in first) or not ctx.config.enabled(rule.id):
        return
    try:
        outcomes = list(rule.check(relation, ctx))
    except rules.Inconsistent:
        outcomes = _by_statement(relation, ctx)
    except (KeyError, units.UnitError) as error:
        message = error.args[0] if error.args else str(error)
        yield Outcome(Verdict.INVALID, str(message), _ids(relation, ctx)), rule.id, relation
        return
    for outcome in outcomes:
        if outcome.verdict is Verdict.CONTRADICTION and relation.id in verdicts.in_conflict:
            continue     # the judge reports it, with every claim and the smallest set
        if relation.id in verdicts.derived and outcome.verdict is Verdict.HOLDS:
            outcome = replace(outcome, derived=verdicts.derived[relation.id])
        yield outcome, rule.id, relation


MOST_READINGS = 16     # statement choices a relation over disagreeing quantities is judged by


def _by_statement(relation: Relation, ctx: Context) -> list[Outcome]:
    """A relation over a quantity whose statements disagree (47 and 41 rescued), judged by each
    of its statements in turn: "with 47, 4 + 21 = 25 is within the total" is still checked.
    The disagreement itself, and any choice that fails, are the judge's to report."""
    article = ctx.article
    if article is None:
        return []
    disagreeing = sorted({article.of_claim[i] for i in _ids(relation, ctx) if i in article.of_claim
                          and article.quantities[article.of_claim[i]].agreed is None})
    out: dict[str, Outcome] = {}
    for picked in itertools.islice(itertools.product(
            *(article.quantities[q].statements for q in disagreeing)), MOST_READINGS):
        try:
            found = rules.by_kind()[relation.kind].check(relation, replace(ctx, choice=dict(
                zip(disagreeing, picked, strict=True))))     # one statement per quantity
            for outcome in found:
                if outcome.verdict is not Verdict.CONTRADICTION:
                    out.setdefault(outcome.message, replace(outcome, derived=()))
        except (rules.Inconsistent, KeyError, units.UnitError):
            continue
    return list(out.values())


def _ids(relation: Relation, ctx: Context) -> tuple[str, ...]:
    ids = []
    for _, value in relation.members:
        for item in value if isinstance(value, tuple) else (value,):
            if isinstance(item, str) and item in ctx.claims:
                ids.append(item)
    return tuple(dict.fromkeys(ids))


def _severity(outcome: Outcome, ceiling: Severity) -> Severity:
    """`ceiling` is the severity checks/ gives the rule: that of a contradiction, of input it
    cannot check and of an uncovered figure; a condition is at most a warning."""
    if outcome.verdict in (Verdict.CONTRADICTION, Verdict.INVALID, Verdict.UNCOVERED):
        return ceiling
    if outcome.verdict is Verdict.CONDITIONAL:
        return min(Severity.WARNING, ceiling)
    return Severity.NOTE if outcome.derived or outcome.worth_noting else Severity.PASS


def _placed(outcome: Outcome, subject: Relation | Claim | None, ctx: Context) -> Outcome:
    """The outcome where it belongs.  A stage that said where (the loader, anchoring,
    coverage, waivers) is taken at its word; a rule's outcome is placed at the relation the
    file states, else at the first claim involved in the article's order (never an order of
    the claims file), and cites the passages of its claims."""
    if outcome.location is not None:
        return outcome
    claims = [ctx.claims[i] for i in dict.fromkeys(outcome.claims) if i in ctx.claims]
    if isinstance(subject, Claim) or (subject is not None and not subject.implied):
        location = subject.loc
    elif claims:
        location = min(claims, key=quantities.claim_order).loc
    else:
        location = Location(ctx.claims_file.path)
    # made, not replace()d: replace reads the class's fields anew for every one of a file's outcomes
    return Outcome(outcome.verdict, outcome.message, claims=tuple(c.id for c in claims),
                   arithmetic=outcome.arithmetic, derived=outcome.derived, location=location,
                   spans=tuple(c.span for c in claims if c.span is not None),
                   quotes=tuple((c.id, c.quote) for c in claims), worth_noting=outcome.worth_noting)


def _finding(rule: str, severity: Severity, outcome: Outcome) -> Finding:
    """The one place a Finding is made: an outcome stamped with its rule id and severity."""
    assert outcome.location is not None, "an outcome is placed before it becomes a finding"
    return Finding(rule, severity, outcome.verdict, outcome.message, outcome.location,
                   outcome.claims, outcome.spans, outcome.quotes, outcome.arithmetic,
                   outcome.derived)

"""A synthetic archive of claims files with their source texts (a benchmark corpus, not a test).

Each claims file is one "article" about a set of police operations, quoted from two or three
sources (the article, a press release, sometimes a wire story).  Each operation is a block of
claims the way a fact-checker writes them for a real article:
- a total for the whole breakdown ("102 people were arrested in Operation ..."), exact, "about"
  or "more than", repeated in the press release (an implied `same`);
- figures for about two thirds of the parts (states, counties, agencies): a partial `sum`, with
  the parts the article gives no figure for left to whole-article bounds;
- "X had the most arrests" (`rank` among the breakdown), "X accounted for 23% of the arrests"
  (`share`), "the operation spanned five counties" with the names listed (`count`), "17 of
  the victims were minors" (`subset`), "On Tuesday, officials announced ..." (`date`);
- money blocks ("$4.2 million was seized") with rounded totals and exact parts.
Every quote stands verbatim in its source, once, so anchoring succeeds; every figure of the
texts is claimed, so coverage finds nothing.

Planted errors: a block gets one, with probability --error-rate, of kind repeat (the release
states a different total), sum (the parts given exceed the total), share (wrong percentage),
weekday (wrong day name), count (one more than the names listed), rank (another part beats
"the most"), anchor (the claims file's value differs from its quote) or whole (no rule
alone objects, but total - parts given exceeds what the unreported parts can hold when none
beats "the most": only whole-article reasoning finds it).  manifest.json lists them.

The output is a pure function of the arguments: the same seed gives byte-identical files.

Usage:
    python bench/gen_archive.py OUT [--files 1000] [--claims 50] [--seed 1] [--error-rate 0.1]
"""
from __future__ import annotations

import argparse
import datetime
import json
import random
from pathlib import Path

ADJECTIVES = ("Amber", "Bold", "Cobalt", "Distant", "Early", "Frozen", "Golden", "Hidden",
              "Iron", "Jade", "Keen", "Lunar", "Mighty", "Noble", "Opal", "Pale", "Quiet",
              "Rapid", "Silver", "Tidal", "Upper", "Vivid", "Wild", "Young", "Zealous",
              "Ashen", "Brave", "Crimson", "Dusky", "Eastern")
NOUNS = ("Falcon", "Harbor", "Lantern", "Meadow", "Orchard", "Pioneer", "Quarry", "Raven",
         "Summit", "Thistle", "Valley", "Willow", "Beacon", "Canyon", "Delta", "Ember",
         "Forge", "Glacier", "Heron", "Island", "Juniper", "Kestrel", "Lagoon", "Mesa",
         "Nimbus", "Osprey", "Prairie", "Ridge", "Spruce", "Tundra")
TAILS = ("Shield", "Watch", "Sweep", "Net", "Reach", "Guard", "Light", "Path", "Gate", "Wave",
         "Anchor", "Bridge", "Compass", "Drum", "Echo", "Flare", "Grove", "Hammer", "Iris", "Jewel",
         "Keel", "Lance", "Mirror", "Needle", "Oath", "Pulse", "Quill", "Rope", "Sail", "Torch",
         "Unity", "Vault", "Whistle", "Yoke", "Zephyr", "Arrow", "Banner", "Cipher", "Dawn", "Ensign")

BREAKDOWNS = (
    # dimension, whole, counted noun, preposition, parts
    ("place", "all states", "states", "in",
     ("Missouri", "Illinois", "Iowa", "Kentucky", "Minnesota", "Nebraska", "North Dakota",
      "Oklahoma", "South Dakota", "Tennessee", "Texas", "Wisconsin")),
    ("county", "all counties", "counties", "in",
     ("Adair County", "Benton County", "Carroll County", "Dallas County", "Greene County",
      "Jasper County", "Lincoln County")),
    ("agency", "all agencies", "agencies", "by",
     ("city police", "sheriff's deputies", "state troopers", "federal agents", "transit police")),
)
MEASURES = (
    # measure, unit, total sentence, release sentence, part sentence, "the most" words
    ("arrested", "people", "{n} people were arrested in Operation {op}",
     "Operation {op} led to the arrest of {n} people", "{n} people were arrested {prep} {part} "
     "during Operation {op}", "arrests"),
    ("rescued", "people", "{n} victims were rescued in Operation {op}",
     "Operation {op} rescued a total of {n} victims", "{n} victims were rescued {prep} {part} "
     "during Operation {op}", "rescues"),
    ("hotline calls", "calls", "{n} calls reached the hotline during Operation {op}",
     "the hotline for Operation {op} took {n} calls", "{n} calls came {prep} {part} "
     "during Operation {op}", "calls"),
    ("cash seized", "USD", "{n} in cash was seized in Operation {op}",
     "Operation {op} seized {n} in cash", "{n} was seized {prep} {part} during Operation {op}",
     "cash seized"),
)
WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ERROR_KINDS = ("repeat", "sum", "share", "weekday", "count", "rank", "anchor", "whole")
FILLER = ("The investigation is continuing, officials said.",
          "Officials did not say when charges would be filed.",
          "Prosecutors declined to comment on the cases.",
          "Advocates welcomed the operation and called for more support for victims.")


def operation_names():
    """Unique three-word names (36,000); no name is a prefix of another one."""
    for tail in TAILS:
        for noun in NOUNS:
            for adjective in ADJECTIVES:
                yield f"{adjective} {noun} {tail}"


def slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")


def count_text(rng: random.Random, n: int) -> str:
    """A count as an article writes it: small ones often in words."""
    if n <= 10 and rng.random() < 0.5:
        return WORDS[n]
    return f"{n:,}"


def money_text(n: int) -> str:
    return f"${n:,}"


def money_total_text(n: int) -> str:
    """Rounded to $0.1 million, half up: the true total lies in the printed interval."""
    tenths = (n + 50_000) // 100_000
    return f"${tenths // 10}.{tenths % 10} million"


class Article:
    """The claims, relations and source sentences of one claims file."""

    def __init__(self, rng: random.Random, published: datetime.date, wire: bool):
        self.rng, self.published = rng, published
        self.claims: list[dict] = []
        self.relations: list[dict] = []
        self.texts: dict[str, list[list[str]]] = {"article": [], "release": []}
        if wire:
            self.texts["wire"] = []
        self.planted: list[dict] = []

    def claim(self, source: str, **fields) -> str:
        self.claims.append({"id": fields.pop("id"), "source": source, **fields})
        return self.claims[-1]["id"]

    def block(self, b: int, op: str, error: str | None) -> None:
        rng = self.rng
        dimension, whole, noun, prep, all_parts = rng.choice(BREAKDOWNS)
        measure, unit, total_words, release_words, part_words, most_words = rng.choice(MEASURES)
        money = unit == "USD"
        parts = list(all_parts)
        if len(parts) > 6 and rng.random() < 0.5 and error not in ("rank", "whole"):
            parts = parts[:rng.randint(5, len(parts))]    # the article names only some
        # the true world: the top part is the largest; about a third of the others unreported
        values = [rng.randint(1, 60) * (25_000 if money else 1) for _ in parts]
        top = rng.randrange(len(parts))
        values[top] = max(values) + rng.randint(1, 8) * (25_000 if money else 1)
        reported = [i == top or rng.random() < 0.65 for i in range(len(parts))]
        reported[(top + 1) % len(parts)] = False               # at least one part unreported
        reported[(top + 2) % len(parts)] = True                # and one besides the top given
        if error == "rank":
            other = next(i for i in range(len(parts)) if i != top and reported[i])
            values[other] = values[top] + (25_000 if money else 3)
        total = sum(values)
        if error == "whole":     # more than the unreported parts can hold, each at most the top
            given = sum(v for v, r in zip(values, reported, strict=True) if r)      # (money: by more than
            excess = 150_000 if money else 2                           # "$X.X million" rounds)
            total = given + values[top] * reported.count(False) + excess
        scope = {"operation": op, dimension: whole}
        tag = f"b{b}"
        paragraph: list[str] = []

        # the total, and its repeat in the press release (and the wire story)
        if money:
            written = money_total_text(total)
        else:
            style = rng.random()
            if error in ("whole", "repeat", "sum"):    # a hedge would absorb the error
                style = 1.0
            written = (f"about {round(total, -1):,}" if style < 0.2 and total >= 30 else
                       f"more than {total // 10 * 10:,}" if style < 0.3 and total >= 20 and
                       total % 10 else count_text(rng, total))
        quote = total_words.format(n=written, op=op)
        total_id = self.claim("article", id=f"{tag}-total", quote=quote, measure=measure,
                              scope=scope, value=written, unit=unit)
        paragraph.append(f"Officials said {quote}.")
        repeat = written
        if error == "repeat":
            repeat = (money_total_text(total + 700_000) if money
                      else count_text(rng, total + rng.randint(3, 9)))
        quote = release_words.format(n=repeat, op=op)
        self.claim("release", id=f"{tag}-release", quote=quote, measure=measure, scope=scope,
                   value=repeat, unit=unit)
        self.texts["release"].append([f"The office said {quote}."])
        if "wire" in self.texts and rng.random() < 0.5:
            quote = total_words.format(n=written, op=op)
            self.claim("wire", id=f"{tag}-wire", quote=quote, measure=measure, scope=scope,
                       value=written, unit=unit)
            self.texts["wire"].append([f"According to the authorities, {quote}."])

        # when it was announced
        day = self.published - datetime.timedelta(days=rng.randint(0, 3))
        name = DAYS[day.weekday()] if error != "weekday" else DAYS[(day.weekday() + 2) % 7]
        quote = f"On {name}, officials announced the results of Operation {op}"
        self.claim("article", id=f"{tag}-announced", quote=quote, value=name, unit="weekday",
                   date=day.isoformat())
        paragraph.append(quote + ".")

        # the parts given
        part_ids = {}
        for i, (part, value) in enumerate(zip(parts, values, strict=True)):
            if not reported[i]:
                continue
            if error == "sum" and i == top:
                value = total + (150_000 if money else 5)
            written = money_text(value) if money else count_text(rng, value)
            quote = part_words.format(n=written, prep=prep, part=part, op=op)
            claimed = written
            if error == "anchor" and i == top:
                claimed = money_text(value + 25_000) if money else f"{value + 1:,}"
            part_ids[i] = self.claim("article", id=f"{tag}-{slug(part)}", quote=quote,
                                     measure=measure, scope={"operation": op, dimension: part},
                                     value=claimed, unit=unit)
            paragraph.append(f"Figures show {quote}.")
        if len(parts) == len(all_parts):
            # rank among the whole breakdown (unreported parts included)
            quote = f"{parts[top][0].upper()}{parts[top][1:]} had the most {most_words} in Operation {op}"
            self.relations.append({"rank": "most", "claim": part_ids[top], "among": whole,
                                   "quote": quote, "source": "article"})
            paragraph.append(quote + ".")
        else:
            self.relations.append({"sum": total_id, "parts": [part_ids[i] for i in sorted(part_ids)],
                                   "complete": False})

        # a share of the total
        share_of = max(part_ids, key=lambda i: (values[i], i))
        percent = (200 * values[share_of] + total) // (2 * total)      # half up
        if error == "share":
            percent = percent + 7 if percent < 80 else percent - 7
        quote = f"{parts[share_of]} accounted for {percent}% of the {most_words} in Operation {op}"
        share_id = self.claim("article", id=f"{tag}-share", quote=quote, measure=f"share of {measure}",
                              scope={"operation": op, dimension: parts[share_of]},
                              value=f"{percent}%", unit="percent")
        self.relations.append({"share": share_id, "part": part_ids[share_of], "whole": total_id})
        paragraph.append(quote + ".")

        # how many parts took part, and their names
        counted = len(parts) + (1 if error == "count" else 0)
        written = count_text(rng, counted)
        quote = f"Operation {op} spanned {written} {noun}"
        count_id = self.claim("article", id=f"{tag}-spanned", quote=quote, measure=f"{noun} in operation",
                              scope={"operation": op}, value=written, unit=noun)
        paragraph.append(quote + ".")
        names = ", ".join(parts[:-1]) + f" and {parts[-1]}"
        quote = f"Operation {op} covered {names}"
        list_id = self.claim("article", id=f"{tag}-named", quote=quote, items=list(parts))
        paragraph.append(quote + ".")
        self.relations.append({"count": count_id, "items": [list_id]})

        # victims who were minors: a subset of the rescued
        if measure == "rescued" and not money:
            minors = rng.randint(0, total // 2)
            quote = f"{count_text(rng, minors)} of the victims rescued in Operation {op} were minors"
            minors_id = self.claim("article", id=f"{tag}-minors", quote=quote,
                                   measure="rescued minors", scope=scope, value=quote.split(" of ")[0],
                                   unit="people")
            self.relations.append({"subset": minors_id, "of": total_id})
            paragraph.append(f"Officials said {quote}.")
        paragraph.append(rng.choice(FILLER))
        self.texts["article"].append(paragraph)
        if error:
            self.planted.append({"block": b, "operation": op, "kind": error})

    def mark(self) -> tuple:
        return (len(self.claims), len(self.relations), len(self.planted),
                {k: len(v) for k, v in self.texts.items()})

    def rollback(self, mark: tuple) -> None:
        claims, relations, planted, texts = mark
        del self.claims[claims:], self.relations[relations:], self.planted[planted:]
        for key, length in texts.items():
            del self.texts[key][length:]

    def filler_claim(self, b: int, op: str) -> None:
        """A lone figure with no relation, to make the claim count exact."""
        n = self.rng.randint(12, 400)
        quote = f"{n} officers took part in Operation {op}"
        self.claim("article", id=f"b{b}-officers", quote=quote, measure="officers",
                   scope={"operation": op}, value=f"{n:,}", unit="people")
        self.texts["article"].append([f"In all, {quote}."])


def build(rng: random.Random, claims: int, error_rate: float, index: int) -> Article:
    published = datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randint(0, 1500))
    article = Article(rng, published, wire=rng.random() < 0.4)
    names = operation_names()
    b = misses = 0
    while misses < 5 and claims - len(article.claims) >= 8:
        error = rng.choice(ERROR_KINDS) if rng.random() < error_rate else None
        mark = article.mark()
        article.block(b, next(names), error)
        b += 1
        if len(article.claims) > claims:      # too big for what is left: take it back
            article.rollback(mark)
            misses += 1
    while len(article.claims) < claims:
        article.filler_claim(b, next(names))
        b += 1
    return article


def _yaml(value) -> str:
    """A YAML scalar or flow collection; JSON strings are valid YAML double-quoted scalars."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_yaml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value)


def claims_yaml(article: Article, stem: str, title: str) -> str:
    out = ["# Generated by bench/gen_archive.py", "version: 1", "", "sources:"]
    kinds = {"article": "article", "release": "press release", "wire": "wire"}
    for source in article.texts:
        out += [f"  - id: {source}", f"    kind: {kinds[source]}",
                f"    file: {stem}.{source}.txt", f"    published: {article.published.isoformat()}"]
        if source == "article":
            out.append(f"    title: {_yaml(title)}")
    out += ["", "breakdowns:"]
    for dimension, whole, _, _, parts in BREAKDOWNS:
        out += [f"  - dimension: {dimension}", f"    whole: {whole}", f"    parts: {_yaml(list(parts))}"]
    out += ["", "claims:"]
    for claim in article.claims:
        items = list(claim.items())
        out.append(f"  - {items[0][0]}: {_yaml(items[0][1])}")
        out += [f"    {k}: {_yaml(v)}" for k, v in items[1:]]
    out += ["", "relations:"]
    for relation in article.relations:
        items = list(relation.items())
        out.append(f"  - {items[0][0]}: {_yaml(items[0][1])}")
        out += [f"    {k}: {_yaml(v)}" for k, v in items[1:]]
    return "\n".join(out) + "\n"


def source_text(paragraphs: list[list[str]], headline: str | None) -> str:
    body = "\n\n".join(" ".join(p) for p in paragraphs)
    return (headline + "\n\n" + body if headline else body) + "\n"


def write_file(folder: Path, stem: str, article: Article) -> int:
    title = "Police operations across the region lead to arrests and rescues"
    (folder / f"{stem}.yaml").write_text(claims_yaml(article, stem, title), encoding="utf-8")
    for source, paragraphs in article.texts.items():
        (folder / f"{stem}.{source}.txt").write_text(
            source_text(paragraphs, title if source == "article" else None), encoding="utf-8")
    return len(article.claims)


def generate(out: Path, files: int, claims: int, seed: int = 1, error_rate: float = 0.1) -> dict:
    """Write `files` claims files of `claims` claims each into `out`; returns the manifest."""
    out.mkdir(parents=True, exist_ok=True)
    manifest = {"seed": seed, "files": files, "claims_per_file": claims, "error_rate": error_rate,
                "planted": {}}
    for index in range(files):
        rng = random.Random(f"{seed}:{index}")
        stem = f"article-{index:05d}"
        article = build(rng, claims, error_rate, index)
        write_file(out, stem, article)
        if article.planted:
            manifest["planted"][f"{stem}.yaml"] = article.planted
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n",
                                       encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the archive into")
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--claims", type=int, default=50, help="claims per file (at least 25)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--error-rate", type=float, default=0.1,
                        help="share of operation blocks with one planted error")
    args = parser.parse_args(argv)
    if args.claims < 25:
        parser.error("--claims must be at least 25 (one block and its fillers)")
    manifest = generate(args.out, args.files, args.claims, args.seed, args.error_rate)
    planted = sum(len(v) for v in manifest["planted"].values())
    print(f"{args.files} files x {args.claims} claims in {args.out}; {planted} planted errors")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

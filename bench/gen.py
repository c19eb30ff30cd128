#!/usr/bin/env python3
"""gen.py — the benchmark corpus generator of missive (bench/).

Deterministic for a given seed: the same arguments always write the same
bytes.  Subcommands:

  gen.py project DIR --letters N [--seed S] [--edit PERCENT] [--glossary SRC]
      Write a missive project in DIR: missive.yaml, corpus/<id>.md (N
      letters in the corpus format, 600-800 body words each), po/LINGUAS
      (ko es) and po/glossary.yaml (the real glossary SRC plus generated
      terms, 500 in all).  --edit PERCENT rewrites that share of the body
      sentences (the same letters otherwise), so that a template extracted
      from the edited corpus needs fuzzy matching against the old one.

  gen.py translate TEMPLATE OUT --lang LANG [--glossary FILE] [--seed S]
                   [--fuzzy PERCENT] [--missing PERCENT]
      Write a "translation" of the template (a POT or PO file from any
      extractor: missive, po4a, Translate Toolkit): every entry gets a
      generated target text that keeps the inline tags, numbers and URLs of
      its msgid and renders glossary terms with their required form; a few
      are marked fuzzy and a few left untranslated.  TEMPLATE may be a
      folder: every *.pot/*.po in it is translated into OUT/ (same names,
      .po).

  gen.py trim TEMPLATE PO N OUTDIR
      Keep the first N entries of TEMPLATE and the matching ones of PO:
      OUTDIR/po/corpus.pot and OUTDIR/po/es.po, for the merge comparison
      at a fixed catalogue size.

  gen.py words DIR
      Print the number of words in the bodies and front-matter values of
      DIR/corpus/*.md (the throughput denominator).
"""
import argparse
import hashlib
import os
import random
import re
import sys

# ----------------------------------------------------------------------
# Vocabulary of the genre (formal joint NGO letters on human rights)

COUNTRIES = ["the Republic of Korea", "Japan", "Mongolia", "Canada",
             "the United Kingdom", "Germany", "Spain", "Chile", "Australia",
             "New Zealand", "Norway", "Poland", "Argentina", "Mexico",
             "the Philippines", "Indonesia", "Thailand", "Brazil", "France"]
BODIES = ["the Human Rights Council", "the General Assembly",
          "the Third Committee", "the Security Council",
          "the Office of the United Nations High Commissioner for Human Rights",
          "the Special Rapporteur", "the Commission of Inquiry",
          "the Ministry of Foreign Affairs", "the Ministry of Unification",
          "the National Assembly", "the international community",
          "civil society", "the United Nations High Commissioner for Refugees"]
ABBREV_PHRASES = ["the U.N. system", "Dr. Kim", "Mr. Park", "Ms. Lee",
                  "Prof. Cohen", "art. 33 of the Refugee Convention",
                  "para. 4 of the resolution", "No. 12 of the report",
                  "e.g. the right to food", "i.e. the State concerned",
                  "Amb. Choi", "St. Petersburg", "approx. 1,200 people",
                  "Gen. Assembly doc. A/79/181"]
VERBS = ["urge", "call on", "encourage", "request", "invite", "ask",
         "appeal to", "implore", "recommend that"]
ACTIONS = ["to co-sponsor the annual draft resolution",
           "to engage fully with the international community",
           "to uphold the principle of non-refoulement",
           "to ensure accountability for crimes against humanity",
           "to protect every escapee and asylum seeker on its territory",
           "to support transitional justice mechanisms",
           "to restore access to information for the North Korean people",
           "to address the fate of each abductee and detainee",
           "to end the forced repatriation of refugees",
           "to raise the issue of separated families",
           "to cooperate with the Special Rapporteur",
           "to report on enforced disappearance",
           "to respect the rule of law and human dignity",
           "to document every human rights violation"]
OBJECTS = ["victims", "families", "witnesses", "survivors", "defectors",
           "women and girls", "children", "prisoners", "workers",
           "journalists", "lawyers", "students", "fishermen", "soldiers"]
ADJS = ["grave", "systematic", "widespread", "ongoing", "serious",
        "well-documented", "unprecedented", "arbitrary", "credible",
        "persistent", "deliberate", "alarming"]
PLACES = ["Seoul", "Geneva", "New York", "Tokyo", "Ulaanbaatar", "Bangkok",
          "Jakarta", "Manila", "Brussels", "London", "Madrid", "Ottawa"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
ORGS = ["Human Rights Watch (HRW)", "Christian Solidarity Worldwide (CSW)",
        "Citizens' Alliance for North Korean Human Rights (NKHR)",
        "Free Korea Association (FKA)", "Global Rights Compliance (GRC)",
        "HanVoice", "Human Asia", "Human Rights Foundation (HRF)",
        "Human Rights Without Frontiers (HRWF)",
        "International Child Rights Center (InCRC)",
        "International Federation for Human Rights (FIDH)",
        "Mental Health and Human Rights Info (MHHRI)", "No Fence",
        "Network for North Korean Democracy and Human Rights (NKnet)",
        "North Korea Human Rights Network (NKHRN)",
        "People for Successful Corean Reunification (PSCORE)",
        "Transitional Justice Working Group (TJWG)", "Unification Academy",
        "Asia Justice Coalition", "Committee for Human Rights in North Korea",
        "Korea Future", "Database Center for North Korean Human Rights (NKDB)",
        "Lawyers for Human Rights and Unification of Korea",
        "Daylight Center", "Saram Human Rights", "Justice for North Korea"]
SURNAMES = ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon",
            "Jang", "Lim", "Han", "Oh", "Seo", "Shin", "Kwon", "Hwang"]
GIVEN = ["Min-seok", "Jae-myung", "Hyun", "Dong-young", "Ji-hoon",
         "Soo-jin", "Young-ho", "Eun-ji", "Sung-min", "Hye-won", "Tae-yang"]
WESTERN = ["Roberta Cohen", "David Alton", "Elizabeth Salmón",
           "Michael Kirby", "Marzuki Darusman", "Sonja Biserko",
           "Tomás Ojea Quintana", "James Heenan", "Ana Ruiz", "Olivia Enos"]
TITLES = ["President of the Republic of Korea", "Prime Minister",
          "Foreign Minister", "Unification Minister", "Minister of Justice",
          "Ambassador to the United Nations", "Speaker of the National Assembly"]
STREETS = ["Sejong-daero", "Sajik-ro 8-gil", "Itaewon-ro", "Dasom-ro",
           "Jongno-gu", "Yongsan-gu", "Gwanghwamun-ro", "Hyoja-ro"]

# Sentences shared across letters (as real letters reuse their boilerplate).
BOILERPLATE = [
    "We, the undersigned organisations, write to you regarding the human rights situation in the Democratic People's Republic of Korea (DPRK).",
    "The gravity of the human rights situation in North Korea is well recognized.",
    "In 2014, the UN <u>Commission of Inquiry on human rights in the DPRK (COI DPRK)</u> found that the DPRK government has committed crimes against humanity.",
    "We stress that sustainable peace on the Korean peninsula cannot be achieved by excluding human rights.",
    "Dialogue and engagement need to go hand in hand with accountability and truth.",
    "South Korea should demonstrate leadership on human rights in North Korea.",
    "We remain deeply concerned about the fate of abductees, detainees and unrepatriated prisoners of war.",
    "These are issues which should be of paramount concern to the international community.",
    "We would welcome the opportunity to meet with you to discuss these concerns.",
    "Thank you for your attention to this important matter.",
    "We look forward to your response.",
    "The principle of non-refoulement is binding on all States as a rule of customary international law.",
    "Forcible repatriation exposes returnees to torture, imprisonment and enforced disappearance.",
    "Every year, the General Assembly adopts a resolution condemning these violations by consensus.",
    "Civil society organisations have documented these abuses for more than two decades.",
    "Such actions revealed the deep moral and policy shortcomings of an unprincipled engagement approach.",
    "Ignoring human rights may make it appear that tensions have eased for a while, but the problems remain.",
    "The families of the victims deserve to know the truth.",
    "We ask you to take a principled stance on North Korea's grave human rights violations.",
    "Accountability is not an obstacle to peace but one of its foundations.",
    "The Special Rapporteur has repeatedly called for access to the country.",
    "More information is available at <https://www.ohchr.org/en/countries/kp>.",
    "See the report of the Commission of Inquiry, A/HRC/25/63, para. 1215.",
    "Please do not hesitate to contact us should you require further information.",
    "We appreciate your government's past leadership on these issues.",
    "Human rights are universal, indivisible and interdependent.",
]

WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]*")


class Gen:
    """Sentence and letter generator; one instance per letter."""

    def __init__(self, seed, terms):
        self.r = random.Random(seed)
        self.terms = terms

    def pick(self, seq):
        return self.r.choice(seq)

    def year(self):
        return self.r.randint(1995, 2025)

    def date_text(self):
        return "%s %d, %d" % (self.pick(MONTHS), self.r.randint(1, 28), self.year())

    def number(self):
        k = self.r.randint(0, 4)
        if k == 0:
            return "%d" % self.r.randint(2, 99)
        if k == 1:
            return "{:,}".format(self.r.randint(1000, 250000))
        if k == 2:
            return "%d.%d%%" % (self.r.randint(1, 99), self.r.randint(0, 9))
        if k == 3:
            return "%d/%d" % (self.r.randint(60, 80), self.r.randint(100, 300))
        return "%d<sup>th</sup>" % self.r.randint(4, 80)

    def term(self):
        return self.pick(self.terms)

    def link(self):
        slug = "%s-%d" % (self.pick(["report", "resolution", "statement",
                                     "press-release", "document"]),
                          self.r.randint(1, 9999))
        host = self.pick(["www.ohchr.org", "undocs.org", "www.hrw.org",
                          "www.un.org", "reliefweb.int", "www.nkdb.org"])
        text = self.pick(["the report", "its statement", "the resolution",
                          "this document", "the findings", "the summary"])
        return "[%s](https://%s/%s)" % (text, host, slug)

    def mark(self, text):
        k = self.r.randint(0, 9)
        if k == 0:
            return "*%s*" % text
        if k == 1:
            return "**%s**" % text
        if k == 2:
            return "<u>%s</u>" % text
        return text

    def sentence(self):
        """One generated sentence (markup, numbers, terms, abbreviations)."""
        t = self.r.randint(0, 11)
        p = self.pick
        if t == 0:
            s = "We %s your government %s, in line with %s." % (
                p(VERBS), p(ACTIONS), self.mark(self.term()))
        elif t == 1:
            s = "In %s, %s reported that %s %s were subjected to %s in %s." % (
                self.year(), p(BODIES), self.number(), p(OBJECTS),
                self.mark(self.term()), p(PLACES))
        elif t == 2:
            s = "According to %s, at least %s %s remain unaccounted for since %s." % (
                p(ABBREV_PHRASES), self.number(), p(OBJECTS), self.date_text())
        elif t == 3:
            s = "As noted in %s of %s, the %s practice of %s affects %s." % (
                self.link(), self.date_text(), p(ADJS), self.term(), p(OBJECTS))
        elif t == 4:
            body = p(BODIES)
            s = "%s has %s concerns about %s and %s." % (
                body[0].upper() + body[1:], p(["raised", "expressed",
                "reiterated", "voiced"]), self.mark(self.term()), self.term())
        elif t == 5:
            s = "The resolution %s of %s refers to %s and %s %s." % (
                self.number(), self.date_text(), self.term(), p(ADJS),
                self.term())
        elif t == 6:
            s = "We note that %s and %s met in %s on %s to discuss %s." % (
                p(COUNTRIES), p(COUNTRIES), p(PLACES), self.date_text(),
                self.mark(self.term()))
        elif t == 7:
            s = "Testimony collected by %s shows %s cases of %s between %d and %d." % (
                p(ORGS), self.number(), self.term(), self.year(),
                self.r.randint(2000, 2025))
        elif t == 8:
            s = "We therefore %s %s %s, as recommended by %s." % (
                p(VERBS), p(COUNTRIES), p(ACTIONS), p(ABBREV_PHRASES))
        elif t == 9:
            s = "Over %s %s have been affected by %s and %s, as %s documented in %s." % (
                self.number(), p(OBJECTS), p(ADJS), self.term(), p(ORGS),
                self.link())
        elif t == 10:
            s = "The %s nature of %s requires %s to act without delay." % (
                p(ADJS), self.mark(self.term()), p(BODIES))
        else:
            s = "%s %s %s spoke on behalf of %s, whose %s was confirmed on %s." % (
                p(["Prof.", "Dr.", "Mr.", "Ms."]), p(SURNAMES), p(GIVEN),
                p(OBJECTS), self.term(), self.date_text())
        return s[0].upper() + s[1:]

    def person(self):
        if self.r.random() < 0.6:
            return "%s %s" % (self.pick(SURNAMES), self.pick(GIVEN))
        return self.pick(WESTERN)

    def recipient(self, indent):
        out = ["%s- name: %s" % (indent, self.person()),
               "%s  title: %s" % (indent, self.pick(TITLES))]
        if self.r.random() < 0.6:
            out.append("%s  organisation: %s" % (indent, self.pick(
                ["Ministry of Foreign Affairs", "Ministry of Unification",
                 "Ministry of Justice", "National Assembly",
                 "Permanent Mission to the United Nations"])))
        out.append("%s  address:" % indent)
        out.append("%s    - %d %s, Seoul %05d" % (indent, self.r.randint(1, 300),
                                                  self.pick(STREETS),
                                                  self.r.randint(3000, 4999)))
        out.append("%s    - Republic of Korea" % indent)
        out.append("%s  fax: +82 2 %d %04d" % (indent, self.r.randint(2000, 2999),
                                              self.r.randint(0, 9999)))
        return out

    def letter(self, edit_rng, edit_pct):
        """The text of one letter, and its body word count."""
        r = self.r
        year = r.randint(2019, 2025)
        date = "%d-%02d-%02d" % (year, r.randint(1, 12), r.randint(1, 28))
        who = self.person()
        lines = ["---", "lang: en", "date: %s" % date, "recipients:"]
        lines += self.recipient("  ")
        if r.random() < 0.7:
            lines.append("cc:")
            for _ in range(r.randint(1, 3)):
                lines += self.recipient("  ")
        lines.append("subject: %s to be adopted at the %d<sup>th</sup> session of %s"
                     % (self.pick(["Resolution on North Korean human rights",
                                   "Joint appeal on forced repatriation",
                                   "Call for accountability",
                                   "Concerns about abductees and detainees",
                                   "Protection of escapees"]),
                        r.randint(40, 80), self.pick(BODIES)))
        lines.append("salutation: Dear %s %s," % (self.pick(["President", "Minister",
                                                            "Ambassador", "Excellency"]),
                                                 who))
        lines.append("closing: %s" % self.pick(["Sincerely,", "Yours sincerely,",
                                                "Respectfully,"]))
        lines.append("signatories:")
        lines.append("  as_of: %d-%02d-%02d" % (year, r.randint(1, 12), r.randint(1, 28)))
        lines.append("  groups:")
        for o in sorted(r.sample(ORGS, r.randint(5, 14))):
            lines.append("    - %s" % o)
        lines.append("  individuals:")
        for _ in range(r.randint(1, 3)):
            lines.append("    - name: %s" % self.person())
            lines.append("      affiliation: Former %s" % self.pick(TITLES))
        lines.append("---")
        target = r.randint(600, 800)
        words = 0
        paras = []
        heading_done = False
        while words < target:
            if not heading_done and words > target // 2:
                paras.append("## %s" % self.pick(["Recommendations", "Background",
                                                  "Our concerns", "Accountability"]))
                heading_done = True
                if r.random() < 0.5:
                    items = []
                    for _ in range(r.randint(2, 4)):
                        s = self.sentence()
                        words += len(WORD_RE.findall(s))
                        items.append("- " + self.maybe_edit(s, edit_rng, edit_pct))
                    paras.append("\n".join(items))
                continue
            sents = []
            for _ in range(r.randint(2, 5)):
                s = self.pick(BOILERPLATE) if r.random() < 0.3 else self.sentence()
                words += len(WORD_RE.findall(s))
                sents.append(self.maybe_edit(s, edit_rng, edit_pct))
                if words >= target:
                    break
            paras.append(" ".join(sents))
        return "\n".join(lines) + "\n" + "\n\n".join(paras) + "\n"

    @staticmethod
    def maybe_edit(s, edit_rng, pct):
        """Edit sentence S with probability PCT% (a drawn number for every
        sentence, so that the unedited ones stay identical)."""
        x = edit_rng.random()
        if pct <= 0 or x * 100 >= pct:
            return s
        words = s.split(" ")
        i = edit_rng.randrange(1, max(2, len(words) - 1))
        k = edit_rng.randint(0, 2)
        if k == 0:
            words.insert(i, edit_rng.choice(["also", "further", "indeed", "still"]))
        elif k == 1 and len(words) > 6:
            del words[i]
        else:
            words[i] = edit_rng.choice(["clearly", "once again", "now", "today"])
        return " ".join(words)


# ----------------------------------------------------------------------
# Glossary: the real one plus generated terms, 500 in all

GEN_ADJ = [("arbitrary", "arbitraria", "자의적"), ("collective", "colectiva", "집단"),
           ("prolonged", "prolongada", "장기"), ("secret", "secreta", "비밀"),
           ("incommunicado", "incomunicada", "외부와 단절된"),
           ("administrative", "administrativa", "행정"),
           ("extrajudicial", "extrajudicial", "초법적"), ("forced", "forzosa", "강제"),
           ("summary", "sumaria", "약식"), ("public", "pública", "공개"),
           ("mass", "masiva", "대량"), ("pretrial", "preventiva", "미결"),
           ("unlawful", "ilegal", "불법"), ("cross-border", "transfronteriza", "국경 간"),
           ("political", "política", "정치적"), ("religious", "religiosa", "종교적"),
           ("sexual", "sexual", "성적"), ("systematic", "sistemática", "체계적"),
           ("state-sponsored", "patrocinada por el Estado", "국가 주도"),
           ("transnational", "transnacional", "초국가적")]
GEN_NOUN = [("detention", "detención", "구금"), ("execution", "ejecución", "처형"),
            ("surveillance", "vigilancia", "감시"), ("labour", "mano de obra", "노동"),
            ("punishment", "sanción", "처벌"), ("interrogation", "interrogación", "심문"),
            ("deportation", "deportación", "추방"), ("confiscation", "confiscación", "몰수"),
            ("censorship", "censura", "검열"), ("trafficking", "trata", "인신매매"),
            ("reprisal", "represalia", "보복"), ("expulsion", "expulsión", "퇴거"),
            ("harassment", "hostigamiento", "괴롭힘"), ("persecution campaign", "campaña de persecución", "박해 캠페인"),
            ("relocation", "reubicación", "이주"), ("internment", "internamiento", "수용"),
            ("abduction campaign", "campaña de secuestro", "납치 공작"),
            ("family separation", "separación familiar", "가족 분리"),
            ("sentencing", "condena", "선고"), ("investigation", "investigación", "조사"),
            ("monitoring", "seguimiento", "모니터링"), ("repression", "represión", "억압"),
            ("discrimination", "discriminación", "차별"), ("exploitation", "explotación", "착취"),
            ("mobilisation", "movilización", "동원")]


def build_terms(real):
    """The 500 terms: REAL (a parsed glossary) first, then generated ones."""
    terms = list(real.get("terms", []))
    ids = {t["id"] for t in terms}
    for a in GEN_ADJ:
        for n in GEN_NOUN:
            if len(terms) >= 500:
                break
            tid = "gen-%s-%s" % (a[0], n[0].replace(" ", "-"))
            if tid in ids:
                continue
            ids.add(tid)
            terms.append({
                "id": tid,
                "source": ["%s %s" % (a[0], n[0])],
                "note": "Generated benchmark term.",
                "ko": {"required": ["%s %s" % (a[2], n[2])]},
                "es": {"required": ["%s %s" % (n[1], a[1])]},
            })
    return terms


def yaml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_glossary(path, terms):
    out = ["# Benchmark glossary: po/glossary.yaml plus generated terms (%d)."
           % len(terms), "version: 1", "terms:"]
    for t in terms:
        out.append("  - id: %s" % t["id"])
        out.append("    source: [%s]" % ", ".join(yaml_str(s) for s in t["source"]))
        if t.get("dnt"):
            out.append("    dnt: true")
        for lang in ("ko", "es"):
            e = t.get(lang)
            if not e:
                continue
            out.append("    %s:" % lang)
            if e.get("required"):
                out.append("      required: [%s]"
                           % ", ".join(yaml_str(s) for s in e["required"]))
            for key in ("forbidden", "deprecated"):
                if e.get(key):
                    out.append("      %s:" % key)
                    for f in e[key]:
                        out.append("        - form: %s" % yaml_str(f["form"]))
                        if f.get("reason"):
                            out.append("          reason: %s" % yaml_str(f["reason"]))
                        if f.get("allowed_if_source"):
                            out.append("          allowed_if_source: [%s]" % ", ".join(
                                yaml_str(s) for s in f["allowed_if_source"]))
            if e.get("exceptions"):
                out.append("      exceptions: [%s]"
                           % ", ".join(yaml_str(s) for s in e["exceptions"]))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def load_glossary(path):
    import yaml
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f) or {}


MISSIVE_YAML = """\
# Benchmark project written by bench/gen.py.
source: en
corpus: corpus
po: po
out: out
domain: corpus
glossary: po/glossary.yaml
segmentation: sentence
formats: [txt, md, html, pdf, docx, json]
untranslated: draft
text-width: 72
paper:
  default: a4
"""


def cmd_project(a):
    real = load_glossary(a.glossary)
    terms = build_terms(real)
    # Source forms the letters mention: mostly real terms, some generated.
    real_src = [s for t in terms[:len(real.get("terms", []))] for s in t["source"]
                if len(s) < 60 and not s[0].isupper()]
    gen_src = [t["source"][0] for t in terms[len(real.get("terms", [])):]]
    mention = real_src * 3 + gen_src
    os.makedirs(os.path.join(a.dir, "corpus"), exist_ok=True)
    os.makedirs(os.path.join(a.dir, "po"), exist_ok=True)
    with open(os.path.join(a.dir, "missive.yaml"), "w") as f:
        f.write(MISSIVE_YAML)
    with open(os.path.join(a.dir, "po", "LINGUAS"), "w") as f:
        f.write("ko es\n")
    write_glossary(os.path.join(a.dir, "po", "glossary.yaml"), terms)
    for i in range(a.letters):
        h = hashlib.sha1(("%d:%d" % (a.seed, i)).encode()).hexdigest()[:16]
        g = Gen("%d/%d" % (a.seed, i), mention)
        text = g.letter(random.Random("edit/%d/%d" % (a.seed, i)), a.edit)
        path = os.path.join(a.dir, "corpus", "%05d_%s.md" % (i, h))
        try:
            with open(path, encoding="utf-8") as f:
                if f.read() == text:
                    continue        # keep the mtime of unchanged letters
        except FileNotFoundError:
            pass
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


# ----------------------------------------------------------------------
# PO reading and writing (just enough for generated catalogues)

def po_unquote(s):
    s = s.strip()
    assert s.startswith('"') and s.endswith('"'), s
    s = s[1:-1]
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            out.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}.get(n, n))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def po_quote(s):
    return '"' + (s.replace("\\", "\\\\").replace('"', '\\"')
                  .replace("\t", "\\t").replace("\n", "\\n")) + '"'


def po_read(path):
    """List of entries: dict(comments=[lines], ctxt, id, id_plural, str)."""
    entries = []
    cur = None
    field = None

    def flush():
        nonlocal cur
        if cur is not None and cur.get("id") is not None:
            entries.append(cur)
        cur = None

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                flush()
                field = None
                continue
            if line.startswith("#~"):
                continue                  # obsolete entries are dropped
            if cur is None:
                cur = {"comments": [], "ctxt": None, "id": None,
                       "id_plural": None, "str": ""}
            if line.startswith("#"):
                if cur.get("id") is not None:
                    flush()
                    cur = {"comments": [], "ctxt": None, "id": None,
                           "id_plural": None, "str": ""}
                cur["comments"].append(line)
                continue
            m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$', line)
            if m:
                field = m.group(1)
                val = po_unquote(m.group(2))
                if field == "msgctxt":
                    cur["ctxt"] = val
                elif field == "msgid":
                    cur["id"] = val
                elif field == "msgid_plural":
                    cur["id_plural"] = val
                elif field in ("msgstr", "msgstr[0]"):
                    cur["str"] = val
                continue
            if line.startswith('"') and field:
                val = po_unquote(line)
                key = {"msgctxt": "ctxt", "msgid": "id", "msgid_plural": "id_plural",
                       "msgstr": "str", "msgstr[0]": "str"}.get(field)
                if key:
                    cur[key] += val
    flush()
    return entries


def po_write(path, entries):
    out = []
    for e in entries:
        out.extend(e["comments"])
        if e["ctxt"] is not None:
            out.append("msgctxt " + po_quote(e["ctxt"]))
        out.append("msgid " + po_quote(e["id"]))
        if e["id_plural"] is not None:
            out.append("msgid_plural " + po_quote(e["id_plural"]))
            out.append("msgstr[0] " + po_quote(e["str"]))
            out.append("msgstr[1] " + po_quote(e["str"]))
        else:
            out.append("msgstr " + po_quote(e["str"]))
        out.append("")
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    os.replace(tmp, path)


# ----------------------------------------------------------------------
# The generated "translation"

HANGUL_SYL = [chr(0xAC00 + i * 28 * 3 + j) for i in range(0, 19 * 21 // 3, 7)
              for j in (0, 4, 8, 16)]
ES_SYL = ["la", "re", "ci", "on", "de", "mo", "ta", "si", "nu", "ve", "ra",
          "lo", "pe", "ga", "ti", "ser", "con", "es", "an", "dor", "ía", "ón"]
ES_FUNC = {"the": "el", "of": "de", "and": "y", "to": "a", "in": "en", "that": "que",
           "is": "es", "for": "para", "on": "sobre", "with": "con", "as": "como",
           "by": "por", "we": "nosotros", "a": "un", "an": "un", "at": "en",
           "its": "su", "their": "su", "this": "este", "from": "desde"}
TOKEN_RE = re.compile(r"(</?\d+/?>|https?://\S+|[\w.+-]+@[\w.-]+|\d[\d,./%:-]*|[A-Za-z][A-Za-z'-]*)")


class Translator:
    def __init__(self, lang, terms, seed):
        self.lang = lang
        self.seed = seed
        self.cache = {}
        pairs = []
        for t in terms:
            e = t.get(lang) or {}
            if t.get("dnt"):
                rendering = t["source"][0]
            elif e.get("required"):
                rendering = e["required"][0]
            else:
                continue
            for s in t["source"]:
                pairs.append((s, rendering))
        pairs.sort(key=lambda p: -len(p[0]))
        self.term_map = {p[0].lower(): p[1] for p in pairs}
        # Plurals and verb forms of a term ("refugees", "repatriated")
        # take the term's rendering too.
        self.term_re = re.compile(r"\b(" + "|".join(re.escape(p[0]) for p in pairs)
                                  + r")(?:s|es|d|ed|ing)?\b", re.I) if pairs else None

    def word(self, w):
        lw = w.lower()
        if lw in self.cache:
            return self.cache[lw]
        d = hashlib.md5((self.lang + lw).encode()).digest()
        if self.lang == "ko":
            n = 1 + d[0] % 3
            out = "".join(HANGUL_SYL[d[1 + k] % len(HANGUL_SYL)] for k in range(n))
        else:
            out = ES_FUNC.get(lw) or "".join(ES_SYL[d[1 + k] % len(ES_SYL)]
                                             for k in range(1 + d[0] % 3))
        self.cache[lw] = out
        return out

    def text(self, s):
        if not s:
            return s
        parts = []
        pos = 0
        holes = []
        if self.term_re:
            # Protect glossary terms: replace them by their rendering first.
            def sub(m):
                holes.append(self.term_map.get(m.group(1).lower(), m.group(0)))
                return "\x00%d\x00" % (len(holes) - 1)
            s = self.term_re.sub(sub, s)
        for m in TOKEN_RE.finditer(s):
            parts.append(s[pos:m.start()])
            tok = m.group(0)
            if tok[0].isalpha() and not tok.startswith("http") and "@" not in tok:
                w = self.word(tok)
                if self.lang == "es" and tok[0].isupper():
                    w = w[0].upper() + w[1:]
                parts.append(w)
            else:
                parts.append(tok)
            pos = m.end()
        parts.append(s[pos:])
        out = "".join(parts)
        return re.sub("\x00(\\d+)\x00", lambda m: holes[int(m.group(1))], out)


def translate_file(src, dst, tr, a, rng):
    entries = po_read(src)
    for e in entries:
        if e["id"] == "":
            lang_name = {"ko": "Korean", "es": "Spanish"}.get(a.lang, a.lang)
            e["str"] = ("Project-Id-Version: bench\nLanguage-Team: %s\nLanguage: %s\n"
                        "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
                        "Content-Transfer-Encoding: 8bit\nPlural-Forms: %s\n"
                        % (lang_name, a.lang, "nplurals=1; plural=0;" if a.lang == "ko"
                           else "nplurals=2; plural=(n != 1);"))
            e["comments"] = [c for c in e["comments"] if not c.startswith("#,")]
            continue
        x = rng.random() * 100
        e["comments"] = [c for c in e["comments"] if not c.startswith("#,")]
        if x < a.missing:
            e["str"] = ""
            continue
        e["str"] = tr.text(e["id"])
        if x < a.missing + a.fuzzy:
            e["comments"].append("#, fuzzy")
    po_write(dst, entries)


def cmd_translate(a):
    terms = build_terms(load_glossary(a.glossary)) if a.glossary else []
    tr = Translator(a.lang, terms, a.seed)
    rng = random.Random("%s/%d" % (a.lang, a.seed))
    if os.path.isdir(a.template):
        os.makedirs(a.out, exist_ok=True)
        for root, _, files in os.walk(a.template):
            for name in sorted(files):
                if not name.endswith((".pot", ".po")):
                    continue
                rel = os.path.relpath(os.path.join(root, name), a.template)
                dst = os.path.join(a.out, re.sub(r"\.pot$", ".po", rel))
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                translate_file(os.path.join(root, name), dst, tr, a, rng)
    else:
        translate_file(a.template, a.out, tr, a, rng)


def cmd_trim(a):
    pot = po_read(a.template)
    po = {(e["ctxt"], e["id"]): e for e in po_read(a.po)}
    keep = pot[:a.n + 1]                  # + the header
    os.makedirs(os.path.join(a.outdir, "po"), exist_ok=True)
    po_write(os.path.join(a.outdir, "po", "corpus.pot"), keep)
    ids = {(e["ctxt"], e["id"]) for e in keep}
    # The old translation: the PO entries of the same letters' old template
    # (all of them: the new template's edited msgids are absent from it).
    old = [e for k, e in po.items() if k in ids or e["id"] == ""]
    po_write(os.path.join(a.outdir, "po", "es.po"), old)


def cmd_words(a):
    n = 0
    d = os.path.join(a.dir, "corpus")
    for name in os.listdir(d):
        if name.endswith(".md"):
            with open(os.path.join(d, name), encoding="utf-8") as f:
                text = f.read()
            body = text.split("\n---\n", 1)[-1]
            n += len(WORD_RE.findall(body))
    print(n)


def main():
    ap = argparse.ArgumentParser(description="missive benchmark corpus generator")
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("project")
    p.add_argument("dir")
    p.add_argument("--letters", type=int, required=True)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--edit", type=float, default=0.0)
    p.add_argument("--glossary", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "po", "glossary.yaml"))
    p = sub.add_parser("translate")
    p.add_argument("template")
    p.add_argument("out")
    p.add_argument("--lang", required=True)
    p.add_argument("--glossary")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--fuzzy", type=float, default=3.0)
    p.add_argument("--missing", type=float, default=3.0)
    p = sub.add_parser("trim")
    p.add_argument("template")
    p.add_argument("po")
    p.add_argument("n", type=int)
    p.add_argument("outdir")
    p = sub.add_parser("words")
    p.add_argument("dir")
    a = ap.parse_args()
    {"project": cmd_project, "translate": cmd_translate, "trim": cmd_trim,
     "words": cmd_words}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())

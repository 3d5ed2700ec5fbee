"""Rebuild the treebank and UDHR part of the language gold set (tests/fixtures/language/gold.jsonl).

Usage: python scripts/build_language_gold.py MIRRORS_DIR > /tmp/ud.jsonl

MIRRORS_DIR holds bare git clones named ``<owner>+<repo>/repo`` (the commits are pinned below, so
the output is the same on any machine). Passages are cut deterministically: from each test file,
every k-th sentence with at least 30 letters, alternating a single sentence (short text) and a run
of up to three consecutive sentences of the same document (paragraph-length text). The page
passages (kk-Latn news sites, Russian regional news with Kazakh names) were copied by hand and are
kept in the JSONL file itself; see tests/fixtures/language/README.md.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

# label -> (repository, commit, path, licence)
TREEBANKS = {
    "kk": ("UniversalDependencies/UD_Kazakh-KTB", "e9f3b87a5faa95cf0b4cd97d62f2de8c90ee8153", "kk_ktb-ud-test.conllu"),
    "ky": ("UniversalDependencies/UD_Kyrgyz-KTMU", "57ad72fdcf2522856cba292905c236d396865495", "ky_ktmu-ud-test.conllu"),
    "tt": ("UniversalDependencies/UD_Tatar-NMCTT", "0a0a26171d2d737ad83b1122ae9a96c04545ba40", "tt_nmctt-ud-test.conllu"),
    "uz": ("UniversalDependencies/UD_Uzbek-UT", "90817bc520f0138e2903448eaf6bf41d097430b3", "uz_ut-ud-test.conllu"),
    "ug": ("UniversalDependencies/UD_Uyghur-UDT", "24eb080e4832169315ffb5411beb6cbc8f0372c4", "ug_udt-ud-test.conllu"),
    "tr": ("UniversalDependencies/UD_Turkish-BOUN", "f828b02872123a8dfb336584eab0767c4e55c5f9", "tr_boun-ud-test.conllu"),
    "ru": ("UniversalDependencies/UD_Russian-GSD", "5400f2fd7264b7699727bb61b09f53841899df26", "ru_gsd-ud-test.conllu"),
    "en": ("UniversalDependencies/UD_English-EWT", "15d613d8447b3478787d4c278730a1e48a945efb", "en_ewt-ud-test.conllu"),
}
UDHR = {"uz-Cyrl": ("wooorm/udhr", "d3d38276c91668df9ac4e33e5dac7cd3a14c12b2", "declaration/uzn_cyrl.html")}
PER_LANGUAGE = 50
_LETTERS = re.compile(r"[^\W\d_]")


def _show(mirrors: Path, repo: str, commit: str, path: str) -> str:
    git_dir = mirrors / repo.replace("/", "+") / "repo"
    return subprocess.run(["git", "-C", str(git_dir), "show", f"{commit}:{path}"], check=True,
                          capture_output=True, text=True).stdout


def _sentences(conllu: str) -> list[tuple[str, str]]:
    """(document id, sentence text) in file order; the document is the newdoc id or the sent_id prefix."""
    out, doc, sent_id = [], "", ""
    for line in conllu.splitlines():
        if line.startswith("# newdoc"):
            doc = line.split("=", 1)[-1].strip()
        elif line.startswith("# sent_id"):
            sent_id = line.split("=", 1)[1].strip()
        elif line.startswith("# text ="):
            out.append((doc or sent_id.rsplit("_", 1)[0].rsplit("-", 1)[0], line.split("=", 1)[1].strip()))
    return out


def _cut(sentences: list[tuple[str, str]]) -> list[str]:
    usable = [i for i, (_, s) in enumerate(sentences) if len(_LETTERS.findall(s)) >= 30]
    step = max(1, len(usable) // (PER_LANGUAGE + 5))
    passages = []
    for n, i in enumerate(usable[::step]):
        if n % 2 == 0:
            passages.append(sentences[i][1])
        else:
            doc = sentences[i][0]
            run = [s for d, s in sentences[i:i + 3] if d == doc]
            passages.append(" ".join(run))
        if len(passages) == PER_LANGUAGE:
            break
    return passages


def main(mirrors: Path) -> None:
    for label, (repo, commit, path) in TREEBANKS.items():
        for i, text in enumerate(_cut(_sentences(_show(mirrors, repo, commit, path)))):
            print(json.dumps({"lang": label, "text": text, "source": f"{repo}@{commit[:12]}:{path}#{i}"},
                             ensure_ascii=False))
    for label, (repo, commit, path) in UDHR.items():
        paragraphs = re.findall(r"<p>(.*?)</p>", _show(mirrors, repo, commit, path), re.S)
        texts = [html.unescape(re.sub(r"<[^>]+>", "", p)).strip() for p in paragraphs]
        for i, text in enumerate(t for t in texts if len(_LETTERS.findall(t)) >= 30):
            print(json.dumps({"lang": label, "text": text, "source": f"{repo}@{commit[:12]}:{path}#{i}"},
                             ensure_ascii=False))


if __name__ == "__main__":
    main(Path(sys.argv[1]))

"""Keep the translation catalog in step with the code (docs/translating.md).

    python scripts/i18n_catalog.py extract   # src/ -> resources/locale/selfcare.pot
    python scripts/i18n_catalog.py pseudo    # selfcare.pot -> en@pseudo .po and .mo
    python scripts/i18n_catalog.py compile   # every <lang>/LC_MESSAGES/selfcare.po -> .mo
    python scripts/i18n_catalog.py all       # extract, then pseudo

`extract` reads every `_()`, `ngettext()` and `N_()` call with literal strings in modules that
import from `selfcare_app.i18n` (Python's ast; no gettext tools needed). Output is
deterministic: entries sorted by message, references sorted, no dates.
"""

from __future__ import annotations

import argparse
import ast
import re
import struct
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
LOCALE = SRC / "selfcare_app" / "resources" / "locale"
POT = LOCALE / "selfcare.pot"
DOMAIN = "selfcare"
PSEUDO = "en@pseudo"
I18N_MODULE = "selfcare_app.i18n"
KEYWORDS = {"_": 1, "N_": 1, "ngettext": 2}  # name -> number of leading string arguments

POT_HEADER = (
    "Project-Id-Version: Selfcare\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\n"
)


@dataclass
class Entry:
    msgid: str
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=lambda: [""])
    references: set[str] = field(default_factory=set)
    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    comments: list[str] = field(default_factory=list)  # "# Translators: ..." notes

    @property
    def key(self) -> tuple[str, str]:
        return (self.msgid, self.msgid_plural or "")


class ExtractError(Exception):
    pass


# -- extract ----------------------------------------------------------------------------------

def _imports_i18n(tree: ast.Module) -> bool:
    return any(isinstance(node, ast.ImportFrom) and node.module == I18N_MODULE
               for node in ast.walk(tree))


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _translator_comment(lines: list[str], lineno: int) -> str | None:
    """The `# Translators: ...` comment block right above line `lineno` (1-based), if any."""
    block: list[str] = []
    i = lineno - 2
    while i >= 0 and lines[i].strip().startswith("#"):
        block.insert(0, lines[i].strip().lstrip("#").strip())
        i -= 1
    for j, text in enumerate(block):
        if text.startswith("Translators:"):
            return " ".join(block[j:])
    return None


def extract_file(path: Path, relative: str
                 ) -> Iterable[tuple[str, str | None, str, str | None]]:
    """(msgid, msgid_plural, "file:line", translator comment) for each marked call."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source, filename=relative)
    lines = source.splitlines()
    if not _imports_i18n(tree):
        return
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in KEYWORDS):
            continue
        count = KEYWORDS[node.func.id]
        args = node.args[:count]
        if any(isinstance(arg, (ast.JoinedStr, ast.BinOp, ast.Call)) for arg in args):
            raise ExtractError(
                f"{relative}:{node.lineno}: {node.func.id}() needs a literal string, not an "
                "f-string, a sum or a call; use named placeholders and .format() after "
                "translating.")
        strings = [_literal(arg) for arg in args]
        if len(strings) < count or any(s is None for s in strings):
            continue  # _(CONSTANT): the constant is marked with N_() where it is defined
        singular = strings[0] or ""
        plural = strings[1] if count == 2 else None
        if not singular:
            raise ExtractError(f"{relative}:{node.lineno}: an empty string can't be translated.")
        yield singular, plural, f"{relative}:{node.lineno}", _translator_comment(lines, node.lineno)


BRACE = re.compile(r"(?<!\{)\{[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\]|\.[A-Za-z_]\w*)*"
                   r"(?:![rsa])?(?::[^{}]*)?\}")
PERCENT = re.compile(r"%(?:\([A-Za-z_]\w*\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")


def format_flags(*texts: str | None) -> set[str]:
    flags = set()
    for text in texts:
        if text and BRACE.search(text):
            flags.add("python-brace-format")
        if text and any(m.group() != "%%" for m in PERCENT.finditer(text)):
            flags.add("python-format")
    return flags


def extract(src: Path = SRC) -> list[Entry]:
    entries: dict[tuple[str, str], Entry] = {}
    for path in sorted(src.rglob("*.py")):
        relative = path.relative_to(src.parent).as_posix()
        for singular, plural, ref, comment in extract_file(path, relative):
            entry = entries.setdefault((singular, plural or ""), Entry(
                singular, plural, ["", ""] if plural else [""]))
            entry.references.add(ref)
            if comment and comment not in entry.comments:
                entry.comments.append(comment)
            entry.flags |= format_flags(singular, plural)
    return sorted(entries.values(), key=lambda e: e.key)


# -- PO files ---------------------------------------------------------------------------------

def _quote(text: str) -> str:
    return ('"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
            .replace("\r", "\\r").replace("\n", "\\n") + '"')


def _po_string(keyword: str, text: str) -> list[str]:
    """One keyword line, or the empty-first-line form for multi-line text (as xgettext does)."""
    parts = text.splitlines(keepends=True)
    if len(parts) <= 1:
        return [f"{keyword} {_quote(text)}"]
    return [f'{keyword} ""'] + [_quote(part) for part in parts]


def _ref_key(ref: str) -> tuple[str, int]:
    name, _, line = ref.rpartition(":")
    return name, int(line)


def write_po(entries: list[Entry], header: str, comment: str) -> str:
    lines = [f"# {line}".rstrip() for line in comment.splitlines()]
    lines += ['msgid ""', 'msgstr ""', *(_quote(p) for p in header.splitlines(keepends=True))]
    for entry in entries:
        lines.append("")
        refs = sorted(entry.references, key=_ref_key)
        lines += [f"#. {comment}" for comment in sorted(entry.comments)]
        lines += [f"#: {ref}" for ref in refs]
        if entry.flags:
            lines.append("#, " + ", ".join(sorted(entry.flags)))
        if entry.msgctxt is not None:
            lines += _po_string("msgctxt", entry.msgctxt)
        lines += _po_string("msgid", entry.msgid)
        if entry.msgid_plural is not None:
            lines += _po_string("msgid_plural", entry.msgid_plural)
            for i, text in enumerate(entry.msgstr):
                lines += _po_string(f"msgstr[{i}]", text)
        else:
            lines += _po_string("msgstr", entry.msgstr[0])
    return "\n".join(lines) + "\n"


_UNESCAPE = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def _unquote(text: str) -> str:
    body = text.strip()
    if not (body.startswith('"') and body.endswith('"')):
        raise ValueError(f"not a quoted PO string: {text!r}")
    return re.sub(r"\\(.)", lambda m: _UNESCAPE.get(m.group(1), m.group(1)), body[1:-1])


def parse_po(text: str) -> tuple[str, list[Entry]]:
    """(header, entries) of a .po/.pot file; fuzzy entries keep their "fuzzy" flag."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] | None = None
    flags: set[str] = set()
    refs: set[str] = set()
    comments: list[str] = []
    has_msgid = False

    def finish() -> None:
        nonlocal current
        if current is not None:
            entries.append(current)
        current = None

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#,"):
            finish()
            flags = {f.strip() for f in line[2:].split(",") if f.strip()}
        elif line.startswith("#:"):
            finish()
            refs |= set(line[2:].split())
        elif line.startswith("#."):
            finish()
            comments.append(line[2:].strip())
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if current is None or target is None:
                raise ValueError(f"continuation line without a keyword: {raw!r}")
            kind, index = target
            value = _unquote(line)
            if kind == "msgctxt":
                current.msgctxt = (current.msgctxt or "") + value
            elif kind == "msgid":
                current.msgid += value
            elif kind == "msgid_plural":
                current.msgid_plural = (current.msgid_plural or "") + value
            else:
                current.msgstr[index] += value
        else:
            keyword, _, rest = line.partition(" ")
            value = _unquote(rest)
            starts_entry = keyword == "msgctxt" or (keyword == "msgid" and has_msgid)
            if current is not None and starts_entry:
                finish()
            if current is None:
                current = Entry("", flags=flags, references=refs, comments=comments)
                flags, refs, comments, has_msgid = set(), set(), [], False
            has_msgid = has_msgid or keyword == "msgid"
            if keyword == "msgctxt":
                current.msgctxt, target = value, ("msgctxt", 0)
            elif keyword == "msgid":
                current.msgid, target = value, ("msgid", 0)
            elif keyword == "msgid_plural":
                current.msgid_plural, target = value, ("msgid_plural", 0)
                current.msgstr = []
            elif keyword == "msgstr":
                current.msgstr, target = [value], ("msgstr", 0)
            elif keyword.startswith("msgstr["):
                index = int(keyword[7:-1])
                while len(current.msgstr) <= index:
                    current.msgstr.append("")
                current.msgstr[index], target = value, ("msgstr", index)
            else:
                raise ValueError(f"unknown PO keyword: {raw!r}")
    finish()
    header = ""
    if entries and entries[0].msgid == "" and entries[0].msgctxt is None:
        header = entries.pop(0).msgstr[0]
    return header, entries


# -- MO files (GNU gettext binary format) -------------------------------------------------------

def write_mo(header: str, entries: list[Entry]) -> bytes:
    """A .mo with every translated, non-fuzzy entry; keys sorted, no hash table."""
    pairs: dict[bytes, bytes] = {b"": header.encode("utf-8")}
    for entry in entries:
        if "fuzzy" in entry.flags or not all(entry.msgstr):
            continue
        key = entry.msgid if entry.msgid_plural is None else (
            entry.msgid + "\0" + entry.msgid_plural)
        if entry.msgctxt is not None:
            key = entry.msgctxt + "\x04" + key
        pairs[key.encode("utf-8")] = "\0".join(entry.msgstr).encode("utf-8")
    keys = sorted(pairs)
    count = len(keys)
    originals_at = 7 * 4
    translations_at = originals_at + count * 8
    data_at = translations_at + count * 8
    table_o, table_t, blob = [], [], b""
    for key in keys:
        table_o.append((len(key), data_at + len(blob)))
        blob += key + b"\0"
    for key in keys:
        value = pairs[key]
        table_t.append((len(value), data_at + len(blob)))
        blob += value + b"\0"
    out = struct.pack("<7I", 0x950412DE, 0, count, originals_at, translations_at, 0, data_at)
    out += b"".join(struct.pack("<2I", *pair) for pair in table_o)
    out += b"".join(struct.pack("<2I", *pair) for pair in table_t)
    return out + blob


# -- pseudo-locale ----------------------------------------------------------------------------

ACCENTS = str.maketrans(
    "abcdeghiklnorstuwyzABCDEGHIKLNORSTUWYZ",
    "àƀçđéĝĥíķĺñóŕšŧúŵýžÀƁÇĐÉĜĤÍĶĹÑÓŔŠŦÚŴÝŽ",
)
# Kept exactly: format fields, %-conversions, Qt mnemonics (&x, &&), HTML tags and entities.
PROTECTED = re.compile(
    r"\{\{|\}\}|" + BRACE.pattern + "|" + PERCENT.pattern
    + r"|<[^<>]*>|&[A-Za-z]+;|&#\d+;|&&|&.|\\n|\n|\t"
)


def pseudo_text(text: str) -> str:
    """`Save {day}` -> `⟦Šàvé {day}⟧`: readable, visibly translated, placeholders intact."""
    out, last = [], 0
    for match in PROTECTED.finditer(text):
        out.append(text[last:match.start()].translate(ACCENTS))
        out.append(match.group())
        last = match.end()
    out.append(text[last:].translate(ACCENTS))
    return "⟦" + "".join(out) + "⟧"


def pseudo_entries(entries: list[Entry]) -> list[Entry]:
    result = []
    for entry in entries:
        forms = [entry.msgid] if entry.msgid_plural is None else [entry.msgid, entry.msgid_plural]
        result.append(Entry(entry.msgid, entry.msgid_plural, [pseudo_text(f) for f in forms],
                            set(entry.references), set(entry.flags), entry.msgctxt,
                            list(entry.comments)))
    return result


PSEUDO_HEADER = (
    "Project-Id-Version: Selfcare\n"
    "Language: en@pseudo\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "Plural-Forms: nplurals=2; plural=(n != 1);\n"
)


# -- commands ---------------------------------------------------------------------------------

def pot_text(src: Path = SRC) -> str:
    return write_po(extract(src), POT_HEADER,
                    "Translation template for Selfcare.\n"
                    "Generated by `python scripts/i18n_catalog.py extract`; do not edit by hand.")


def pseudo_files(pot: str) -> tuple[str, bytes]:
    """(.po text, .mo bytes) of the pseudo-locale built from the template's text."""
    _header, entries = parse_po(pot)
    pseudo = pseudo_entries(entries)
    po = write_po(pseudo, PSEUDO_HEADER,
                  "Pseudo-translation: every string wrapped in ⟦ ⟧ with accented letters.\n"
                  "Generated by `python scripts/i18n_catalog.py pseudo`; do not edit by hand.")
    return po, write_mo(PSEUDO_HEADER, pseudo)


def _write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    if isinstance(data, str):
        temp.write_text(data, encoding="utf-8", newline="\n")
    else:
        temp.write_bytes(data)
    temp.replace(path)
    print(f"wrote {path.relative_to(ROOT)}")


def cmd_extract() -> None:
    _write(POT, pot_text())


def cmd_pseudo() -> None:
    po, mo = pseudo_files(POT.read_text(encoding="utf-8"))
    folder = LOCALE / PSEUDO / "LC_MESSAGES"
    _write(folder / f"{DOMAIN}.po", po)
    _write(folder / f"{DOMAIN}.mo", mo)


def cmd_compile() -> None:
    for po_path in sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        header, entries = parse_po(po_path.read_text(encoding="utf-8"))
        _write(po_path.with_suffix(".mo"), write_mo(header, entries))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("command", choices=("extract", "pseudo", "compile", "all"))
    args = parser.parse_args(argv)
    try:
        if args.command in ("extract", "all"):
            cmd_extract()
        if args.command in ("pseudo", "all"):
            cmd_pseudo()
        if args.command == "compile":
            cmd_compile()
    except ExtractError as exc:
        print(f"i18n_catalog: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The user's config file: key remapping and quick tags.

``$QUOTELENS_CONFIG`` or ``<user config dir>/quotelens/config.toml``::

    theme = "ansi-dark"              # optional: the terminal's colours (ansi-light), or any Textual theme
    quick_tags = ["economy", "health", "follow-up"]   # keys 1-9 toggle these

    [keymap]                         # binding id = key(s), comma-separated
    accept = "y"
    reject = "n,x"

Binding ids are listed in the help screen (``?``) and in docs/keys.md. A bad
file never stops the app: ``load_config`` returns what it could read plus
``problems`` (each naming the file and, when known, the line) that the app
shows as a notification.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

CONFIG_ENV = "QUOTELENS_CONFIG"
MAX_QUICK_TAGS = 9


def config_path() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir("quotelens")) / "config.toml"


@dataclass
class Config:
    path: Path
    keymap: dict[str, str] = field(default_factory=dict)
    quick_tags: list[str] = field(default_factory=list)
    theme: str | None = None
    problems: list[str] = field(default_factory=list)


def _line_of(source: str, pattern: str) -> int | None:
    """The 1-based line where ``pattern`` (a regex) first matches, to point the user at it."""
    for number, line in enumerate(source.splitlines(), 1):
        if re.search(pattern, line):
            return number
    return None


def load_config(path: Path | None = None, known_binding_ids: set[str] | None = None) -> Config:
    """Read the config file; a missing file is an empty config, a bad one is reported."""
    path = path or config_path()
    config = Config(path=path)
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return config
    except (OSError, UnicodeDecodeError) as exc:
        config.problems.append(f"{path}: cannot read the config file ({exc})")
        return config
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        # tomllib's message already says "(at line N, column M)".
        config.problems.append(f"{path}: not valid TOML: {exc}. The file was ignored.")
        return config

    def where(key: str) -> str:
        """ "<file>, line N" for the line that sets ``key``."""
        line = _line_of(source, r"^\s*" + re.escape(key) + r"\s*=")
        return f"{path}, line {line}" if line else str(path)

    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict):
        config.problems.append(f'{where("keymap")}: [keymap] must be a table of binding id = "key"')
    else:
        for binding_id, keys in keymap.items():
            if not isinstance(keys, str) or not keys.strip():
                config.problems.append(
                    f'{where(binding_id)}: keymap.{binding_id} must be a key string such as "y" or "ctrl+y,y"'
                )
                continue
            if known_binding_ids is not None and binding_id not in known_binding_ids:
                config.problems.append(
                    f"{where(binding_id)}: unknown binding id {binding_id!r} (press ? in the app for the list)"
                )
                continue
            config.keymap[binding_id] = ",".join(k.strip() for k in keys.split(","))

    tags = data.get("quick_tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
        config.problems.append(f"{where('quick_tags')}: quick_tags must be a list of tag names")
    else:
        if len(tags) > MAX_QUICK_TAGS:
            config.problems.append(f"{where('quick_tags')}: only the first {MAX_QUICK_TAGS} quick tags get a key")
        config.quick_tags = [t.strip() for t in tags[:MAX_QUICK_TAGS]]

    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        config.problems.append(f"{where('theme')}: theme must be a theme name")
    else:
        config.theme = theme
    return config


class ConfigWriteError(Exception):
    """The config file could not be updated (the message names the file)."""


def _quick_tags_span(source: str) -> tuple[int, int] | None:
    """The character span of the top-level ``quick_tags = [...]`` assignment (which may run
    over several lines), or None when the file does not set it before its first table."""
    in_string: str | None = None
    match = re.search(r"(?m)^[ \t]*quick_tags[ \t]*=[ \t]*\[", source)
    first_table = re.search(r"(?m)^[ \t]*\[", source)
    if match is None or (first_table is not None and first_table.start() < match.start()):
        return None
    depth, i = 0, match.end() - 1
    while i < len(source):
        char = source[i]
        if in_string:
            if char == "\\" and in_string == '"':
                i += 1
            elif char == in_string:
                in_string = None
        elif char in "\"'":
            in_string = char
        elif char == "#":
            i = source.find("\n", i)
            if i < 0:
                return None
            continue
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return match.start(), i + 1
        i += 1
    return None


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def save_quick_tags(path: Path, tags: list[str]) -> None:
    """Set ``quick_tags`` in the config file at ``path``, keeping everything else in it as the
    user wrote it (comments, order, the keymap); the file is replaced atomically.

    Raises ``ConfigWriteError`` when the file cannot be read or written, or when it is not
    valid TOML (then it is left alone: the user must see it before it is changed)."""
    line = "quick_tags = [" + ", ".join(_toml_string(t) for t in tags) + "]"
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        source = ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigWriteError(f"{path}: cannot read the config file ({exc})") from exc
    try:
        tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigWriteError(f"{path}: not valid TOML ({exc}); fix it first, the quick tags were not saved") from exc
    span = _quick_tags_span(source)
    if span is not None:
        updated = source[: span[0]] + line + source[span[1] :]
    else:
        # Top-level keys must come before the first [table]: put it first.
        updated = line + "\n" + source
    if tomllib.loads(updated).get("quick_tags") != tags:  # never write a file that says something else
        raise ConfigWriteError(f"{path}: could not place quick_tags in this file; set it by hand")
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(updated, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ConfigWriteError(f"{path}: cannot write the config file ({exc.strerror or exc})") from exc


# (binding id, description, default keys "a,b") of the bindings active in one place of the app
ScopeBindings = list[tuple[str, str, str]]


def keymap_conflicts(config: Config, everywhere: ScopeBindings, panes: list[tuple[str, ScopeBindings]]) -> list[str]:
    """Keys the user's ``[keymap]`` gives to two actions at once, as problems naming the file
    and line (``reject = "j"``: in the lists, j moves down and Reject is lost there).

    ``everywhere`` are the bindings active whatever has the focus (the app's and the main
    screen's); ``panes`` those of one pane, ``(where, bindings)``, which win over the others
    while it has the focus. Only clashes the keymap made are reported: the defaults share
    keys on purpose (v starts a selection and, in it, anchors it)."""
    if not config.keymap:
        return []
    try:
        source = config.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        source = ""

    def keys_of(binding_id: str, default: str) -> set[str]:
        return {k.strip() for k in config.keymap.get(binding_id, default).split(",") if k.strip()}

    def where(binding_id: str) -> str:
        line = _line_of(source, r"^\s*" + re.escape(binding_id) + r"\s*=") if binding_id in config.keymap else None
        return f"{config.path}, line {line}" if line else str(config.path)

    # (the binding the user remapped, the key) -> what else the key does, and where
    clashes: dict[tuple[str, str, str], list[tuple[str, bool]]] = {}

    def clash(first: tuple[str, str, str], second: tuple[str, str, str], scope: str) -> None:
        if first[0] == second[0]:
            return
        for mine, other in ((first, second), (second, first)):
            if mine[0] not in config.keymap:
                continue
            for key in sorted(keys_of(mine[0], mine[2]) & keys_of(other[0], other[2])):
                said = clashes.setdefault((mine[0], mine[1], key), [])
                what = (f"{other[1]} ({other[0]}) {scope}".rstrip(), bool(scope))
                if what not in said:
                    said.append(what)
            break  # one message per clash, under the first binding the user remapped

    for i, first in enumerate(everywhere):
        for second in everywhere[i + 1 :]:
            clash(first, second, "")
    for scope, bindings in panes:
        for first in bindings:
            for second in everywhere:
                clash(second, first, scope)
    problems = []
    for (binding_id, description, key), others in clashes.items():
        outcome = []
        if any(scoped for _, scoped in others):
            outcome.append(f"{description} does not work there")
        if not all(scoped for _, scoped in others):
            outcome.append("only one of them works")
        problems.append(
            f"{where(binding_id)}: key {key!r} of {description} ({binding_id}) is also "
            f"{'; '.join(what for what, _ in others)}: {', and '.join(outcome)}. Choose another key in [keymap]."
        )
    return problems

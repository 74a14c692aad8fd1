"""The main screen's key bindings, in the sections of the help screen and docs/keys.md.

Every binding has an id: the name a user remaps it by in the keymap.
"""

from __future__ import annotations

from textual.binding import Binding

NAVIGATION = [
    Binding("tab", "app.focus_next", "Next pane", show=False, id="focus_next"),
    Binding("shift+tab", "app.focus_previous", "Previous pane", show=False, id="focus_previous"),
    Binding("right_square_bracket", "next_article", "Next article", show=False, id="next_article", key_display="]"),
    Binding(
        "left_square_bracket",
        "previous_article",
        "Previous article",
        show=False,
        id="previous_article",
        key_display="[",
    ),
    Binding("J", "next_quote", "Next quote", show=False, id="next_quote"),
    Binding("K", "previous_quote", "Previous quote", show=False, id="previous_quote"),
    Binding("w", "next_unreviewed", "Next unreviewed", show=False, id="next_unreviewed"),
    Binding("p", "jump_article", "Jump to article", show=False, id="jump_article"),
    Binding("E", "jump_entity", "Jump to entity", show=False, id="jump_entity"),
    Binding("at", "jump_speaker", "Jump to speaker", show=False, id="jump_speaker", key_display="@"),
    Binding("escape", "back", "Back / clear filter", show=False, id="back"),
]
ANNOTATING = [
    Binding("a", "accept", "Accept", id="accept"),
    Binding("x", "reject", "Reject", id="reject"),
    Binding("r", "reset_status", "Reset", show=False, id="reset_status"),
    Binding("t", "add_tag", "Tag", id="add_tag"),
    Binding("T", "remove_tag", "Untag", show=False, id="remove_tag"),
    *[Binding(str(n), f"quick_tag({n})", f"Quick tag {n}", show=False, id=f"quick_tag_{n}") for n in range(1, 10)],
    Binding("number_sign", "set_quick_tags", "Set quick tags", show=False, id="set_quick_tags", key_display="#"),
    Binding("n", "edit_note", "Note", id="edit_note"),
    Binding("s", "correct_speaker", "Speaker", id="correct_speaker"),
    Binding("v", "select_span", "Add quote", id="select_span"),
    Binding("V", "edit_span", "Change span", show=False, id="edit_span"),
    Binding("B", "bulk", "Change every quote listed", show=False, id="bulk"),
    Binding("M", "merge_speaker", "Merge a speaker into another", show=False, id="merge_speaker"),
    Binding("u", "undo", "Undo", id="undo"),
    Binding("U,ctrl+r", "redo", "Redo", show=False, id="redo"),
    Binding("ctrl+s", "retry_saves", "Retry unsaved", show=False, id="retry_saves"),
]
VIEWS = [
    Binding("slash", "search", "Search", id="search", key_display="/"),
    Binding("f", "filter_menu", "Filter", id="filter_menu"),
    Binding("o", "cycle_sort", "Sort", show=False, id="cycle_sort"),
    Binding("O", "reverse_sort", "Reverse sort", show=False, id="reverse_sort"),
    Binding("e", "toggle_entities", "Entities", show=False, id="toggle_entities"),
    Binding("c", "toggle_colour", "Colour by kind/status", show=False, id="toggle_colour"),
    Binding("S", "toggle_sidebar_scope", "Sidebar article/corpus", show=False, id="toggle_sidebar_scope"),
    Binding("Q", "toggle_quote_scope", "Quotes article/filter", show=False, id="toggle_quote_scope"),
    Binding("b", "toggle_sidebar", "Sidebar", show=False, id="toggle_sidebar"),
    Binding("z", "toggle_maximize", "Maximise pane", show=False, id="toggle_maximize"),
    Binding("greater_than_sign", "resize_articles(1)", "Widen list", show=False, id="widen_articles", key_display=">"),
    Binding("less_than_sign", "resize_articles(-1)", "Narrow list", show=False, id="narrow_articles", key_display="<"),
    Binding("ctrl+e", "export", "Export", show=False, id="export"),
    Binding("i", "copy_quote_id", "Copy quote id", show=False, id="copy_quote_id"),
    Binding("d", "dashboard", "Dashboard", show=False, id="dashboard"),
]
SECTIONS: list[tuple[str, list[Binding]]] = [
    ("Moving around", NAVIGATION),
    ("Annotating the focused quote", ANNOTATING),
    ("Filters and views", VIEWS),
]

"""What a demanding user met going through issue 14 in a real terminal (tmux), each fixed and held here.

Pilot on the sample corpus; every test asserts what the screen shows and, for a change, what the
store on disk holds.
"""

from __future__ import annotations

from test_tui import opened
from textual import events


async def test_a_key_pressed_right_after_q_does_not_crash_the_closing_app(store_dir):
    """Typing "qs" fast (q quits, s asks for a speaker) used to mount the speaker prompt on an app
    that was closing: a traceback (NoMatches: OptionList) and exit code 1 instead of a clean quit."""
    async with opened(store_dir) as (app, pilot):
        # both keys in one read from the terminal, as tmux `send-keys -l qs` delivers them
        app.post_message(events.Key("q", "q"))
        app.post_message(events.Key("s", "s"))
        await pilot.pause()
    assert app.return_code == 0

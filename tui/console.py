"""Rich consoles for the command line: data to stdout, messages to stderr."""

from rich.console import Console

console = Console()
err_console = Console(stderr=True)

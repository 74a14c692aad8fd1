"""Rich consoles for the command line: data to stdout, messages to stderr."""

from rich.console import Console

console = Console()
# soft_wrap: messages are never cut at 80 columns when stderr is a pipe or a log file
err_console = Console(stderr=True, soft_wrap=True)

"""coproweek_build: the commands behind tasks.py (build, check, scaffold). Not a Pelican plugin."""

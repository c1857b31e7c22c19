"""``python -m icpspec``: the command line."""

from icpspec.cli import main

if __name__ == "__main__":
    main()

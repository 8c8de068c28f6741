"""``python -m gkparse``: the same command as the ``gkparse`` console script."""

from gkparse.cli import main

if __name__ == "__main__":
    main()

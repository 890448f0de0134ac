#!/usr/bin/env python
import os
import sys


def main() -> None:
    # The same runner as `huanjie` (huanjie.cli): every command's help and errors in Chinese.
    from huanjie.cli import main as run

    run(sys.argv[1:], prog=os.path.basename(sys.argv[0]))


if __name__ == "__main__":
    main()

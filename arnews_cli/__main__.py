from arnews_cli.cli import main

main()

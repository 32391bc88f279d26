from coi_graph.cli import main

main()

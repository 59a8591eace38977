from stagegids.workspace.bench.run import main

main()

// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "portal",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "portal", targets: ["portal"]),
        .library(name: "PortalCore", targets: ["PortalCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        // The system ncursesw library; shim.h turns on the wide-character API before including it.
        .systemLibrary(name: "CNCursesW", path: "Sources/CNCursesW"),
        // The stop and crash signal handlers: real C globals, so the flag exists once in the program.
        .target(name: "CPortalSignals", linkerSettings: [.linkedLibrary("ncursesw")]),
        // Bundles the top-level Resources/ folder (exercises, templates, articles, quiz) as data.
        .target(
            name: "PortalContent",
            path: ".",
            exclude: ["Sources/CNCursesW", "Sources/CPortalSignals", "Sources/CLibPQ", "Sources/PortalClinic", "Sources/PortalCore", "Sources/PortalUI", "Sources/PortalTerminal",
                      "Sources/PortalRuntime", "Sources/portal", "Sources/portal-bench", "Tests", "README.md", "Makefile", "deploy"],
            sources: ["Sources/PortalContent"],
            resources: [.copy("Resources")]
        ),
        .target(
            name: "PortalCore",
            dependencies: [
                "PortalContent",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // Debian's libpq, loaded with dlopen in clinic mode only (libpq-dev's header at build time; libpq5
        // at run time, for the clinic): a local start does not load it and its TLS and Kerberos libraries.
        .target(name: "CLibPQ", linkerSettings: [.linkedLibrary("dl")]),
        // Clinic mode: the store on a clinic's PostgreSQL server, through libpq.
        .target(name: "PortalClinic", dependencies: ["PortalCore", "CLibPQ"]),
        .target(name: "PortalUI", dependencies: ["PortalCore"]),
        .target(name: "PortalTerminal", dependencies: ["PortalUI", "CNCursesW", "CPortalSignals"]),
        // The message loop and the effect runner, with the store and the clock handed in: no terminal.
        .target(name: "PortalRuntime", dependencies: ["PortalUI", "PortalCore"]),
        .executableTarget(
            name: "portal",
            dependencies: [
                "PortalCore", "PortalUI", "PortalTerminal", "PortalRuntime", "PortalClinic",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `make bench`: prints speed and memory figures on a large database.
        // GRDB and ncurses directly: `make-db` writes history through the schema, and `floor` is the stack's
        // floor (Swift, Foundation, GRDB, ncurses) that the portal's start-up is compared with. The C helpers
        // in C/ are compiled by the bench itself with cc.
        .executableTarget(
            name: "portal-bench",
            dependencies: ["PortalCore", "PortalClinic", "PortalUI", "PortalRuntime", "CNCursesW", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["C"]
        ),
        // The private PostgreSQL cluster the clinic tests and the command tests start and stop.
        .target(name: "ClinicTestSupport", dependencies: ["PortalClinic"], path: "Tests/ClinicTestSupport"),
        // The store contract every RecordStore passes, and the fixtures it seeds with: shared by the SQLite
        // store's tests (PortalCoreTests) and the clinic's (PortalClinicTests), through PortalCore's public API.
        .target(name: "StoreTestSupport", dependencies: ["PortalCore"], path: "Tests/StoreTestSupport"),
        // `make check` runs these four: no server, no root, no other program.
        .testTarget(name: "PortalCoreTests", dependencies: ["PortalCore", "StoreTestSupport"]),
        .testTarget(name: "PortalUITests", dependencies: ["PortalUI"]),
        .testTarget(name: "PortalRuntimeTests", dependencies: ["PortalRuntime"]),
        .testTarget(name: "PortalTerminalTests", dependencies: ["PortalTerminal", "CNCursesW"]),
        // The clinic: the PostgreSQL store's contract, row-level security, the clinic commands and ssh, each
        // against a private PostgreSQL cluster (and sshd) of its own.
        .testTarget(name: "PortalClinicTests", dependencies: ["PortalCore", "PortalClinic", "PortalUI", "PortalRuntime", "ClinicTestSupport", "StoreTestSupport"]),
        .testTarget(name: "PortalCLITests", dependencies: ["portal", "portal-bench", "PortalCore", "PortalClinic", "ClinicTestSupport",
                                                    .product(name: "GRDB", package: "GRDB.swift")]),
    ]
)

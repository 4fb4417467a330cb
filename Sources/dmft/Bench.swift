import ArgumentParser
import DMFT
import Foundation

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time named cases and report their error against an exact or converged reference.")

    func run() throws {
        print("bench: not yet")
    }
}

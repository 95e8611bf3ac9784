import Foundation
import SecureExecCLI

exit(await SecureExecCommand.runCLI(arguments: Array(CommandLine.arguments.dropFirst())))

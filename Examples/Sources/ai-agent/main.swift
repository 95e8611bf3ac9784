// An AI agent's tool loop: the "model" writes JavaScript, the host runs each snippet in a sandbox
// with a budget, the tools exposed as host functions, and feeds what happened back to the model
// until it answers. The model here is scripted (so the example is deterministic); a real agent
// would send the same transcript to a model API.
//
//   swift run --package-path Examples ai-agent
import ExampleSupport
import SecureExec
import Synchronization

// MARK: The tools the agent may use, as host functions

struct Customer: Codable, Sendable { var id: Int; var name: String; var email: String }
struct Purchase: Codable, Sendable { var customerID: Int; var year: Int; var amount: Double }
struct YearFilter: Decodable, Sendable { var year: Int }

let customers = [Customer(id: 1, name: "Ada", email: "ada@example.com"),
                 Customer(id: 2, name: "Grace", email: "grace@example.com"),
                 Customer(id: 3, name: "Linus", email: "linus@example.com")]
let purchases = [Purchase(customerID: 1, year: 2024, amount: 300), Purchase(customerID: 2, year: 2024, amount: 250),
                 Purchase(customerID: 2, year: 2024, amount: 120), Purchase(customerID: 3, year: 2023, amount: 900),
                 Purchase(customerID: 1, year: 2023, amount: 50)]
let savedNotes = Mutex<[String]>([])

let tools: HostFunctions = [
    "crm": [
        "customers": HostFunction { () in customers },
        "purchases": HostFunction { (filter: YearFilter) in purchases.filter { $0.year == filter.year } },
    ],
    "notes": ["save": HostFunction { (text: String) in savedNotes.withLock { $0.append(text) }; return "saved" }],
]

// MARK: The sandbox the snippets run in

// No filesystem, network, process or environment grants: the tools above are the only way out.
// Each snippet gets a fresh context, a CPU budget and a wall-clock bound.
let runtime = try NodeRuntime(limits: ResourceLimits(memoryMB: 128, cpuTime: .seconds(1), wallClock: .seconds(10),
                                                     maxOutputBytes: 4_096),
                              hostFunctions: tools)

/// Runs one snippet and describes what happened, as the model will read it.
func runTool(_ code: String) async throws -> String {
    let output = Transcript()
    let result = try await runtime.exec(code, options: ExecOptions(onStdio: output.record))
    var observation = "exit code \(result.code)"
    if let error = result.errorMessage { observation += ", error: \(error)" }
    if !output.stdout.isEmpty { observation += "\nstdout:\n\(output.stdout)" }
    return observation
}

// MARK: The scripted "model"

enum Action { case runCode(String), answer(String) }

/// Stands in for a language model: reads the last observation and chooses the next step,
/// making the mistakes real models make (reaching for files, an endless loop) along the way.
struct ScriptedModel {
    var turn = 0
    mutating func respond(to observation: String?) -> Action {
        turn += 1
        switch turn {
        case 1:  // Look around, and try to read a config file the sandbox does not have.
            return .runCode("""
                console.log('tools:', Object.keys(crm).join(', '));
                try { console.log(require('fs').readFileSync('/etc/crm.conf', 'utf8')); }
                catch (err) { console.log('config:', err.code); }
                """)
        case 2:  // A first attempt at the sum that never terminates.
            return .runCode("""
                const rows = await crm.purchases({ year: 2024 });
                let i = 0, totals = {};
                while (i < rows.length) { totals[rows[i].customerID] = (totals[rows[i].customerID] ?? 0) + rows[i].amount; }
                console.log(JSON.stringify(totals));
                """)
        case 3 where observation?.contains("CPU time limit exceeded") == true:  // Fix the loop.
            return .runCode("""
                const [rows, people] = await Promise.all([crm.purchases({ year: 2024 }), crm.customers()]);
                const totals = {};
                for (const row of rows) totals[row.customerID] = (totals[row.customerID] ?? 0) + row.amount;
                const [id, total] = Object.entries(totals).sort((a, b) => b[1] - a[1])[0];
                const best = people.find((p) => p.id === Number(id));
                await notes.save(`top 2024 customer: ${best.name} (${total})`);
                console.log(JSON.stringify({ name: best.name, email: best.email, total }));
                """)
        default:  // Read the answer out of the last observation.
            let json = observation?.split(separator: "\n").last.map(String.init) ?? "?"
            return .answer("The top customer of 2024 is \(json)")
        }
    }
}

// MARK: The loop

var model = ScriptedModel()
var observation: String?
var observations: [String] = []
var answer: String?
for _ in 0..<8 {  // never let an agent loop forever
    switch model.respond(to: observation) {
    case .runCode(let code):
        print("model → code:\n" + code.split(separator: "\n").map { "    \($0)" }.joined(separator: "\n"))
        observation = try await runTool(code)
        observations.append(observation ?? "")
        print("sandbox → model: \(observation ?? "")")
    case .answer(let text):
        answer = text
    }
    if answer != nil { break }
}
print("model → answer: \(answer ?? "none")")

expect(observations.count, 3, "three snippets ran")
expect(observations.first?.contains("tools: customers, purchases") == true, "the model discovered its tools",
       detail: observations.first ?? "")
expect(observations.first?.contains("config: EACCES") == true, "reading a host file was denied",
       detail: observations.first ?? "")
expect(observations.dropFirst().first?.hasPrefix("exit code 124, error: CPU time limit exceeded") == true,
       "the endless loop was stopped by the CPU budget", detail: observations.dropFirst().first ?? "")
expect(answer, #"The top customer of 2024 is {"name":"Grace","email":"grace@example.com","total":370}"#,
       "the model answered from the tool results")
expect(savedNotes.withLock { $0 }, ["top 2024 customer: Grace (370)"], "the tool call's side effect happened on the host")

await runtime.dispose()
finish()

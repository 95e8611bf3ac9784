// Host functions: give guest code typed Swift functions to call ("code mode"). Arguments arrive
// as bounded, validated data decoded into your types; results go back as JavaScript values.
//
//   swift run --package-path Examples host-functions
import ExampleSupport
import Foundation
import SecureExec
import Synchronization

// A tiny order service on the host.
struct Order: Codable, Sendable { var id: Int; var customer: String; var total: Double; var placed: Date }
struct OrderQuery: Decodable, Sendable { var customer: String?; var minTotal: Double? }
struct ServiceDown: Error { let internalHost = "db-7.internal:5432" }   // must never reach the guest

let orders = [
    Order(id: 1, customer: "ada", total: 120, placed: Date(timeIntervalSince1970: 1_700_000_000)),
    Order(id: 2, customer: "bob", total: 15, placed: Date(timeIntervalSince1970: 1_700_100_000)),
    Order(id: 3, customer: "ada", total: 40, placed: Date(timeIntervalSince1970: 1_700_200_000)),
]
let refunded = Mutex<[Int]>([])

// A dictionary literal of names; a nested literal is a namespace (a frozen object in the guest).
let functions: HostFunctions = [
    "orders": [
        // async: the guest gets a promise. The argument is decoded as OrderQuery.
        "find": HostFunction { (query: OrderQuery) in
            orders.filter { order in
                (query.customer.map { $0 == order.customer } ?? true) && order.total >= (query.minTotal ?? 0)
            }
        },
        // HostFunctionError's message and code are what the guest sees.
        "refund": HostFunction { (id: Int) async throws -> Bool in
            guard orders.contains(where: { $0.id == id }) else { throw HostFunctionError("no order \(id)", code: "ENOORDER") }
            refunded.withLock { $0.append(id) }
            return true
        },
        // Any other Swift error reaches the guest only as "<name> failed": no host details leak.
        "audit": HostFunction { () async throws -> Bool in throw ServiceDown() },
    ],
    // .sync: returns the value directly; the guest waits (for quick, non-suspending work).
    "currency": .sync { (amount: Double) in String(format: "€%.2f", amount) },
]

print("1. evaluate: run a snippet once and decode its value")
let summary: [String: String] = try await SecureExec.evaluate("""
    const mine = await orders.find({ customer: 'ada' });
    const big = await orders.find({ minTotal: 100 });
    return {
      count: String(mine.length),
      total: currency(mine.reduce((sum, o) => sum + o.total, 0)),
      firstPlaced: mine[0].placed instanceof Date ? mine[0].placed.toISOString() : 'not a Date',
      big: big.map((o) => o.id).join(','),
    };
    """, hostFunctions: functions)
expect(summary, ["count": "2", "total": "€160.00", "firstPlaced": "2023-11-14T22:13:20.000Z", "big": "1"],
       "typed arguments in, Codable results out (dates as Date objects)")

print("2. a runtime with the same functions, for many calls; errors the guest can handle")
let transcript = Transcript()
let runtime = try NodeRuntime(onStdio: transcript.record, hostFunctions: functions)
let result = try await runtime.exec("""
    const show = (p) => p.then((v) => console.log('ok', v), (e) => console.log(e.name, e.code, e.message));
    await show(orders.refund(3));
    await show(orders.refund(99));                          // HostFunctionError
    await show(orders.find({ customer: 42 }));              // does not decode as OrderQuery
    await show(orders.audit());                             // a Swift error: details stay on the host
    await show(orders.find({ customer: 'ada', filter: () => true }));  // functions never cross
    console.log(Object.isFrozen(orders), Object.keys(orders).join(','));
    """)
expect(result.code, 0, "the guest handled every error")
expect(transcript.stdout, """
    ok true
    Error ENOORDER no order 99
    TypeError ERR_INVALID_ARG_TYPE orders.find: field "customer" of the argument must be of type String (received number)
    Error ERR_HOST_FUNCTION orders.audit failed
    TypeError ERR_INVALID_ARG_TYPE orders.find: argument 1.filter is a function, which cannot be passed to a host function
    true audit,find,refund

    """, "each failure is a JavaScript error with a code")
expect(refunded.withLock { $0 }, [3], "only the existing order was refunded")

await runtime.dispose()
finish()

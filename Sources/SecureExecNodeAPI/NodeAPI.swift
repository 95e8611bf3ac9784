// The guest-side Node API: our JavaScript under `js/`, one file per Node module, embedded into
// `EmbeddedJavaScript.sources` by the EmbedJavaScript build plugin (see docs/node-api-js.md).

package enum NodeAPI {
    /// Public builtin module names a guest may `require` (with or without `node:`).
    package static var publicBuiltins: [String] {
        EmbeddedJavaScript.sources.keys.filter { !$0.hasPrefix("internal/") }.sorted()
    }
}

// Inspector test helpers: the sandbox has no inspector, so a test that needs them skips.
'use strict';

require('./').skipIfInspectorDisabled();

module.exports = {};

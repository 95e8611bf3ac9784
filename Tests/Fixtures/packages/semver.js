const semver = require('semver');
console.log(semver.satisfies('1.2.3', '^1.0.0'), semver.inc('1.2.3', 'minor'), semver.valid('v2.0.0-beta.1'));
console.log(semver.sort(['2.0.0', '1.0.0', '1.5.0', '1.5.0-rc.1']).join(' '), semver.maxSatisfying(['1.1.0', '1.4.2', '2.0.0'], '~1.4'));
console.log(semver.coerce('v3.4 final').version, semver.diff('1.2.3', '1.3.0'), semver.gt('1.10.0', '1.9.9'));

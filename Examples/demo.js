// SecureExec demo: every access below is decided by the grants on the command line.
const fs = require('fs');

function attempt(label, action) {
  try {
    console.log(`allowed  ${label}:`, action());
  } catch (err) {
    console.log(`denied   ${label}: ${err.message}`);
  }
}

attempt('read env DEMO_GREETING', () => process.env.DEMO_GREETING);
attempt('read env DEMO_SECRET', () => {
  // Denied names read as undefined and are absent from Object.keys(process.env), as in Deno.
  if (process.env.DEMO_SECRET === undefined) throw new Error('undefined (not granted)');
  return process.env.DEMO_SECRET;
});
attempt('write /tmp/note.txt', () => { fs.writeFileSync('/tmp/note.txt', 'written in the sandbox'); return 'ok'; });
attempt('read /tmp/note.txt', () => fs.readFileSync('/tmp/note.txt', 'utf8'));
attempt('read /etc/passwd', () => fs.readFileSync('/etc/passwd', 'utf8'));
attempt('spawn ls', () => { const r = require('child_process').spawnSync('ls'); if (r.error) throw r.error; return r.stdout; });

fetch('https://example.com')
  .then(() => console.log('allowed  fetch https://example.com'))
  .catch((err) => console.log(`denied   fetch https://example.com: ${err.message}`));

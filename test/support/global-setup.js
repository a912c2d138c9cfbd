// Child processes in int tests run the compiled JS (dist/); build once per jest run so they never run stale code.
const { execFileSync } = require('node:child_process');
const path = require('node:path');
module.exports = async () => {
  if (globalThis.__hujiBuilt) return;
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: path.resolve(__dirname, '../..'), stdio: 'inherit' });
  globalThis.__hujiBuilt = true;
};

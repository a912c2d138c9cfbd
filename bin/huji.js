#!/usr/bin/env node
// The `huji` command. `npm install` compiles the sources into dist/ (the `prepare` script).
try {
  require.resolve('../dist/apps/cli/src/main.js');
} catch {
  console.error('huji: dist/ is missing — run `npm run build` (npm install does it for you).');
  process.exit(2);
}
void require('../dist/apps/cli/src/main.js').run();

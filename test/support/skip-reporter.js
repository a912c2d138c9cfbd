/**
 * Says plainly, at the end of every run, which tests did not run and why (their names say why):
 * a skipped test must never hide in a green run. Jest prints no console output for a suite whose
 * tests were all skipped, so this reporter lists them itself.
 */
class SkipReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.testResults.flatMap((file) =>
      file.testResults.filter((t) => t.status === 'pending' || t.status === 'skipped' || t.status === 'todo').map((t) => `${[...t.ancestorTitles, t.title].join(' › ')}  (${file.testFilePath.replace(process.cwd() + '/', '')})`));
    if (skipped.length === 0) return;
    process.stderr.write(`\nSKIPPED — ${skipped.length} test(s) did not run:\n${skipped.map((s) => `  - ${s}`).join('\n')}\n`);
  }
}
module.exports = SkipReporter;
